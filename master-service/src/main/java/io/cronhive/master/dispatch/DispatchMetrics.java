package io.cronhive.master.dispatch;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What users of a scheduler need to see and others do not export: how late each run was sent (scheduled
 * instant to request sent, as a histogram with percentiles) and why dispatches failed.
 */
@Component
class DispatchMetrics {

	private final MeterRegistry registry;

	DispatchMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void lateness(String triggerKind, long lateMs) {
		Timer.builder("cronhive.trigger.lateness")
			.description("Scheduled instant to dispatch request sent")
			.tag("kind", triggerKind)
			.publishPercentiles(0.5, 0.9, 0.99)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(this.registry)
			.record(Duration.ofMillis(Math.max(0, lateMs)));
	}

	/** Runs every candidate was too busy for, kept to be offered again (back-pressure). */
	void held(int runs) {
		Counter.builder("cronhive.dispatch.held")
			.description("Runs every candidate worker refused as busy (429), held and offered again")
			.register(this.registry)
			.increment(runs);
	}

	void failure(String reason) {
		Counter.builder("cronhive.dispatch.failures")
			.description("Dispatch attempts that did not hand a run to a worker, by reason")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
