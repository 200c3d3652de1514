package io.cronhive.master.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cronhive.common.dispatch.WorkerPaths;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * Every worker instance the registry knows, across all applications: each host may register under its own
 * srvName, so workers are found by the {@code cronhive-role: worker} metadata marker, not by service name.
 * Reads the discovery client's local copy (refreshed every 2 s), cached briefly for the hot path.
 */
@Component
class WorkerDirectory {

	static final String ROLE_KEY = "cronhive-role";

	static final String ROLE_WORKER = "worker";

	// The discovery client's own copy changes every 2 s; re-reading it per dispatch buys nothing.
	private static final long CACHE_MS = 500;

	private final DiscoveryClient discovery;

	private volatile Snapshot snapshot;

	WorkerDirectory(DiscoveryClient discovery) {
		this.discovery = discovery;
	}

	List<WorkerInstance> workers() {
		Snapshot current = this.snapshot;
		long now = System.nanoTime() / 1_000_000;
		if (current != null && now - current.readAtMs() < CACHE_MS) {
			return current.workers();
		}
		List<WorkerInstance> workers = new ArrayList<>();
		for (String service : this.discovery.getServices()) {
			for (ServiceInstance instance : this.discovery.getInstances(service)) {
				Map<String, String> metadata = instance.getMetadata();
				if (metadata != null && ROLE_WORKER.equals(metadata.get(ROLE_KEY))) {
					workers.add(toWorker(service, instance, metadata));
				}
			}
		}
		workers.sort(Comparator.comparing(WorkerInstance::instanceId));
		this.snapshot = new Snapshot(List.copyOf(workers), now);
		return this.snapshot.workers();
	}

	private static WorkerInstance toWorker(String service, ServiceInstance instance, Map<String, String> metadata) {
		String name = metadata.getOrDefault(WorkerPaths.META_WORKER_NAME, instance.getHost());
		String host = metadata.getOrDefault(WorkerPaths.META_HOST, instance.getHost());
		String tag = metadata.get(WorkerPaths.META_TAG);
		String id = (instance.getInstanceId() != null) ? instance.getInstanceId()
				: service + ":" + instance.getHost() + ":" + instance.getPort();
		return new WorkerInstance(id, service.toLowerCase(Locale.ROOT), instance.getUri(), host, name,
				(tag == null || tag.isBlank()) ? null : tag.trim());
	}

	private record Snapshot(List<WorkerInstance> workers, long readAtMs) {
	}

}
