package io.cronhive.master.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cronhive.master.run.JobSpec;

/**
 * A job sticks to one worker while the candidate set is unchanged, and when a worker joins or leaves only the
 * jobs on its arc of the ring move (virtual nodes spread the arcs). The failover order walks the ring onward.
 */
final class ConsistentHashRouting implements RoutingStrategy {

	// Virtual nodes per worker: enough for an even spread over a handful of workers, cheap to rebuild.
	static final int VIRTUAL_NODES = 64;

	@Override
	public String name() {
		return "consistent_hash";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		TreeMap<Long, WorkerInstance> ring = new TreeMap<>();
		for (WorkerInstance worker : candidates) {
			for (int i = 0; i < VIRTUAL_NODES; i++) {
				ring.put(hash(worker.instanceId() + "#" + i), worker);
			}
		}
		long point = hash("job:" + job.id());
		Set<WorkerInstance> ordered = new LinkedHashSet<>();
		for (Map.Entry<Long, WorkerInstance> entry : ring.tailMap(point, true).entrySet()) {
			ordered.add(entry.getValue());
		}
		for (Map.Entry<Long, WorkerInstance> entry : ring.headMap(point, false).entrySet()) {
			ordered.add(entry.getValue());
		}
		return new ArrayList<>(ordered);
	}

	static long hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
			long h = 0;
			for (int i = 0; i < 8; i++) {
				h = (h << 8) | (digest[i] & 0xFF);
			}
			return h;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is unavailable in this JVM", ex);
		}
	}

}
