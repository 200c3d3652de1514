package io.cronhive.master.run;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies worker reports and follows up on failures (retries). Safe to call on any replica, any number of
 * times for one run: only the first report changes anything.
 */
@Component
public class RunReports {

	private static final Logger logger = LoggerFactory.getLogger(RunReports.class);

	private final RunStore store;

	private final RunRetries retries;

	private final RunMetrics metrics;

	RunReports(RunStore store, RunRetries retries, RunMetrics metrics) {
		this.store = store;
		this.retries = retries;
		this.metrics = metrics;
	}

	public ReportOutcome apply(RunReport report) {
		ReportOutcome outcome = this.store.applyReport(report);
		switch (outcome) {
			case APPLIED -> {
				logger.debug("Run {} finished on {}: status {} result {} exit {} in {} ms", report.runId(),
						report.workerName(), report.status().wireName(), report.outcome().wireName(),
						report.exitCode(), report.durationMs());
				this.metrics.finished(report.outcome());
				if (report.outcome() == RunOutcome.FAILED) {
					this.retries.scheduleRetry(report.runId(), report.endedAtMs());
				}
			}
			case ALREADY_APPLIED -> logger.debug("Run {} report repeated; already applied", report.runId());
			case UNKNOWN_RUN -> logger.warn("Report for unknown run {} from {}", report.runId(), report.workerName());
		}
		return outcome;
	}

}
