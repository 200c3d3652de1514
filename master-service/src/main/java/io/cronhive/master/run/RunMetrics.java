package io.cronhive.master.run;

import io.cronhive.common.job.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Runs by result ({@code cronhive.runs.finished{result}}), counted where the result is applied. */
@Component
public class RunMetrics {

	private final Counter ok;

	private final Counter failed;

	RunMetrics(MeterRegistry registry) {
		this.ok = Counter.builder("cronhive.runs.finished").tag("result", "ok").description("Runs finished, by result")
			.register(registry);
		this.failed = Counter.builder("cronhive.runs.finished").tag("result", "failed")
			.description("Runs finished, by result")
			.register(registry);
	}

	public void finished(RunOutcome outcome) {
		((outcome == RunOutcome.OK) ? this.ok : this.failed).increment();
	}

}
