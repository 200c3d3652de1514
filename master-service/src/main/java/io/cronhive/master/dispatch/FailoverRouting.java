package io.cronhive.master.dispatch;

import java.util.Comparator;
import java.util.List;

import io.cronhive.master.run.JobSpec;

/** Always the first healthy worker in a stable order (by instance id); the next one only when it fails. */
final class FailoverRouting implements RoutingStrategy {

	@Override
	public String name() {
		return "failover";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		return candidates.stream().sorted(Comparator.comparing(WorkerInstance::instanceId)).toList();
	}

}
