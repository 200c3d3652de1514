package io.cronhive.master.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.cronhive.master.run.JobSpec;

/** Each run of a job starts one worker further along the candidate list. */
final class RoundRobinRouting implements RoutingStrategy {

	private final Map<Long, AtomicInteger> counters = new ConcurrentHashMap<>();

	@Override
	public String name() {
		return "round_robin";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		int next = this.counters.computeIfAbsent(job.id(), (id) -> new AtomicInteger()).getAndIncrement();
		return RoutingStrategy.rotate(candidates, next);
	}

}
