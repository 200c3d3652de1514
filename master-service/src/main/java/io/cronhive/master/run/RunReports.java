package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.cluster.ClusterIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Applies worker reports and follows up on failures (retries). Safe to call on any replica, any number of
 * times for one run: only the first report changes anything.
 */
@Component
public class RunReports {

	private static final Logger logger = LoggerFactory.getLogger(RunReports.class);

	/** A deadlock or lock wait lost to another batch is worth a few tries before the worker's own backoff. */
	static final int ATTEMPTS = 4;

	private final RunStore store;

	private final RunRetries retries;

	private final RunMetrics metrics;

	private final Acceptances acceptances;

	private final ClusterIdentity cluster;

	RunReports(RunStore store, RunRetries retries, RunMetrics metrics, Acceptances acceptances,
			ClusterIdentity cluster) {
		this.cluster = cluster;
		this.store = store;
		this.retries = retries;
		this.metrics = metrics;
		this.acceptances = acceptances;
	}

	public ReportOutcome apply(RunReport report) {
		return applyAll(List.of(report)).get(0).outcome();
	}

	/**
	 * Applies many reports in one transaction, retried whole when the database chose it as a deadlock victim
	 * or its lock wait timed out; then follows up on each applied one. Reports of another cluster's runs (a
	 * worker that served a database since re-created) are answered as unknown runs without a look at the
	 * database: the same run id here is another run.
	 * @return one result per report, in the given order
	 */
	public List<ReportResult> applyAll(List<RunReport> reports) {
		List<RunReport> ours = reports.stream().filter((r) -> this.cluster.isThisCluster(r.clusterId())).toList();
		List<ReportResult> results = (ours.size() == reports.size()) ? applyWithRetries(reports)
				: withForeignAsUnknown(reports, applyWithRetries(ours));
		this.acceptances.settled(results.stream()
			.filter((r) -> r.outcome() != ReportOutcome.UNKNOWN_RUN)
			.map((r) -> r.report().runId())
			.toList());
		for (ReportResult result : results) {
			followUp(result);
		}
		return results;
	}

	/** Puts the results of this cluster's reports back among the others', in the request's order. */
	private List<ReportResult> withForeignAsUnknown(List<RunReport> reports, List<ReportResult> ours) {
		List<ReportResult> results = new ArrayList<>(reports.size());
		Iterator<ReportResult> applied = ours.iterator();
		RunReport first = null;
		int foreign = 0;
		for (RunReport report : reports) {
			if (this.cluster.isThisCluster(report.clusterId())) {
				results.add(applied.next());
			}
			else {
				results.add(new ReportResult(report, ReportOutcome.UNKNOWN_RUN, null, 0));
				first = (first != null) ? first : report;
				foreign++;
			}
		}
		// One line per batch: a worker's spool can hold thousands of them.
		logger.warn("Ignored {} report(s) from {} of runs of another cluster ({}, not {}): its database was "
				+ "re-created or restored since those runs", foreign, first.workerName(), first.clusterId(),
				this.cluster.id());
		return results;
	}

	private List<ReportResult> applyWithRetries(List<RunReport> reports) {
		if (reports.isEmpty()) {
			return List.of();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return this.store.applyReports(reports);
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				logger.warn("Applying {} report(s) lost a lock conflict (attempt {} of {}); retrying: {}",
						reports.size(), attempt, ATTEMPTS, ex.getMostSpecificCause().toString());
				pause(attempt);
			}
		}
	}

	private void followUp(ReportResult result) {
		RunReport report = result.report();
		switch (result.outcome()) {
			case APPLIED -> {
				logger.debug("Run {} finished on {}: status {} result {} exit {} in {} ms", report.runId(),
						report.workerName(), report.status().wireName(), report.outcome().wireName(),
						report.exitCode(), report.durationMs());
				this.metrics.finished(report.outcome());
				if (report.status() == RunStatus.UNKNOWN) {
					this.metrics.unknown();
				}
				this.metrics.started(result.triggerKind(), result.scheduledAtMs(), report.startedAtMs());
				if (report.outcome() == RunOutcome.FAILED) {
					this.retries.scheduleRetry(report.runId(), report.endedAtMs());
				}
			}
			case ALREADY_APPLIED -> logger.debug("Run {} report repeated; already applied", report.runId());
			case UNKNOWN_RUN -> {
				if (this.cluster.isThisCluster(report.clusterId())) {
					logger.warn("Report for unknown run {} from {}", report.runId(), report.workerName());
				}
			}
		}
	}

	private static void pause(int attempt) {
		try {
			// Jittered, so the two sides of a deadlock do not meet again at the same instant.
			Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while retrying a report batch", ex);
		}
	}

}
