package io.cronhive.master.run;

import java.time.Duration;

import io.cronhive.common.job.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Runs by result ({@code cronhive.runs.finished{result}}), counted where the result is applied, and how late
 * slot runs really started on their worker ({@code cronhive.run.start.lateness{kind}}): once runs are handed
 * to workers ahead of their instant, dispatch lateness no longer says when they started.
 */
@Component
public class RunMetrics {

	private final MeterRegistry registry;

	private final Counter ok;

	private final Counter failed;

	private final Counter unknown;

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.ok = Counter.builder("cronhive.runs.finished").tag("result", "ok").description("Runs finished, by result")
			.register(registry);
		this.failed = Counter.builder("cronhive.runs.finished").tag("result", "failed")
			.description("Runs finished, by result")
			.register(registry);
		this.unknown = Counter.builder("cronhive.runs.unknown")
			.description("Runs whose outcome is unknown: their worker died while they ran (status 3); also counted "
					+ "as failed")
			.register(registry);
	}

	public void finished(RunOutcome outcome) {
		((outcome == RunOutcome.OK) ? this.ok : this.failed).increment();
	}

	/** A run whose worker died while it ran: it may or may not have done its work. */
	void unknown() {
		this.unknown.increment();
	}

	/**
	 * Records a slot run's start on its worker against its scheduled instant; other trigger kinds (manual,
	 * retry) have no instant to be late for.
	 */
	void started(String triggerKind, long scheduledAtMs, long startedAtMs) {
		if (!"cron".equals(triggerKind) && !"catchup".equals(triggerKind)) {
			return;
		}
		// Same shape as cronhive.trigger.lateness, so the two can be compared side by side.
		Timer.builder("cronhive.run.start.lateness")
			.description("Scheduled instant to run started on its worker (worker clock)")
			.tag("kind", triggerKind)
			.publishPercentiles(0.5, 0.9, 0.99)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(this.registry)
			.record(Duration.ofMillis(Math.max(0, startedAtMs - scheduledAtMs)));
	}

}
