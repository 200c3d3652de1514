package io.cronhive.worker.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.JobType;
import io.cronhive.worker.report.ReportSpool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The agent's Prometheus metrics: dispatch answers (a rising at_capacity or stale_epoch says something about
 * the cluster), finished runs by type and result with their duration, and the two gauges an operator
 * alerts on: runs in progress and reports waiting in the spool for a master.
 */
@Component
class RunMetrics {

	private final MeterRegistry registry;

	private final Map<String, Timer> runTimers = new ConcurrentHashMap<>();

	RunMetrics(MeterRegistry registry, ReportSpool spool) {
		this.registry = registry;
		Gauge.builder("cronhive.worker.spool.reports", spool, ReportSpool::size)
			.description("Run reports waiting for a master's acknowledgement")
			.register(registry);
	}

	void activeRuns(RunService runs) {
		Gauge.builder("cronhive.worker.runs.active", runs, RunService::activeCount)
			.description("Runs executing on this worker")
			.register(this.registry);
	}

	void admission(AdmissionBudget budget, int httpRunLimit) {
		Gauge.builder("cronhive.worker.admission.limit", () -> httpRunLimit)
			.description("HTTP runs this worker takes at once: what its heap carries, or the configured limit if lower")
			.register(this.registry);
		Gauge.builder("cronhive.worker.admission.budget", budget, AdmissionBudget::capacity)
			.description("Heap this worker lets runs in flight hold; beyond it, runs are refused with 429")
			.baseUnit("bytes")
			.register(this.registry);
		Gauge.builder("cronhive.worker.admission.reserved", budget, AdmissionBudget::reserved)
			.description("Heap reserved by the runs in flight")
			.baseUnit("bytes")
			.register(this.registry);
	}

	void dispatch(AcceptResult result) {
		String answer = switch (result) {
			case AcceptResult.Accepted a -> "accepted";
			case AcceptResult.AlreadyKnown k -> "already_known";
			case AcceptResult.StaleEpoch s -> "stale_epoch";
			case AcceptResult.OtherCluster o -> "other_cluster";
			case AcceptResult.AtCapacity c -> "at_capacity";
			case AcceptResult.ShuttingDown d -> "shutting_down";
		};
		Counter.builder("cronhive.worker.dispatches")
			.description("Dispatched runs by the answer given to the master")
			.tag("answer", answer)
			.register(this.registry)
			.increment();
	}

	void finished(JobType type, RunReport report) {
		// Looked up once per combination: building and registering a meter id per run is measurable at
		// thousands of runs a second.
		this.runTimers.computeIfAbsent(type.wireName() + ' ' + report.status().wireName() + ' '
				+ report.outcome().wireName(), (key) -> Timer.builder("cronhive.worker.runs")
			.description("Finished runs by job type, status and result")
			.tag("type", type.wireName())
			.tag("status", report.status().wireName())
			.tag("result", report.outcome().wireName())
			.register(this.registry))
			.record(report.durationMs(), TimeUnit.MILLISECONDS);
	}

}
