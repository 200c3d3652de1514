package io.cronhive.master.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cronhive.master.run.JobSpec;

/** A uniformly random worker first, the others in random order behind it. */
final class RandomRouting implements RoutingStrategy {

	@Override
	public String name() {
		return "random";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		List<WorkerInstance> shuffled = new ArrayList<>(candidates);
		Collections.shuffle(shuffled, ThreadLocalRandom.current());
		return shuffled;
	}

}
