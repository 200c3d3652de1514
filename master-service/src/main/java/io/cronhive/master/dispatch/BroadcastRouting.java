package io.cronhive.master.dispatch;

import java.util.List;

import io.cronhive.master.run.JobSpec;

/** Every matching worker runs the job: one child run per worker. */
final class BroadcastRouting implements RoutingStrategy {

	@Override
	public String name() {
		return "broadcast";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		return candidates;
	}

	@Override
	public boolean everyCandidate() {
		return true;
	}

}
