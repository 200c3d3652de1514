package io.cronhive.master.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

import io.cronhive.master.run.JobSpec;

/** The worker with the fewest runs in flight first; ties keep the registry's stable order. */
final class LeastBusyRouting implements RoutingStrategy {

	private final ToIntFunction<String> inFlight;

	LeastBusyRouting(ToIntFunction<String> inFlightByInstance) {
		this.inFlight = inFlightByInstance;
	}

	@Override
	public String name() {
		return "least_busy";
	}

	@Override
	public List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates) {
		return candidates.stream()
			.sorted(Comparator.comparingInt((WorkerInstance w) -> this.inFlight.applyAsInt(w.instanceId())))
			.toList();
	}

}
