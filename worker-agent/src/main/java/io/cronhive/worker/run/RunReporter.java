package io.cronhive.worker.run;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputCapture;
import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.report.ReportDelivery;
import io.cronhive.worker.report.ReportSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Turns a finished execution into a {@link RunReport} and makes it durable before anyone hears of it: spool
 * (fsynced), then the journal's "finished" mark, then a wake-up for delivery. The run's thread does not wait
 * for the spool: it is told, on the spool's writer thread, once the report is durable. A spool that cannot be
 * written (disk full) is retried rather than dropped, holding the run's slot, because a lost result is worse.
 */
@Component
class RunReporter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunReporter.class);

	private final WorkerProperties properties;

	private final ReportSpool spool;

	private final ReportDelivery delivery;

	private final RunJournal journal;

	private final Clock clock;

	private final ProcessLauncher launcher;

	private final RunMetrics metrics;

	private final OutcomeRing outcomes;

	RunReporter(WorkerProperties properties, ReportSpool spool, ReportDelivery delivery, RunJournal journal,
			Clock clock, ProcessLauncher launcher, RunMetrics metrics) throws IOException {
		this.outcomes = new OutcomeRing(properties.stateDir().resolve("outcomes.ring"));
		this.metrics = metrics;
		this.launcher = launcher;
		this.properties = properties;
		this.spool = spool;
		this.delivery = delivery;
		this.journal = journal;
		this.clock = clock;
	}

	/**
	 * Reports a finished run and returns without waiting for the spool.
	 * @param durable runs once the report is durable and the journal knows the run finished; on the spool's
	 * writer thread, so it must be quick
	 */
	void finished(ActiveRun run, ExecutionResult result, OutputCapture output, Runnable durable) {
		boolean done = result.ending() == ExecutionResult.Ending.FINISHED;
		RunReport report = new RunReport(run.request().clusterId(), run.request().runId(), run.request().epoch(),
				this.properties.name(), this.properties.host(), done ? RunStatus.DONE : RunStatus.ERROR,
				(done && result.ok()) ? RunOutcome.OK : RunOutcome.FAILED, result.exitCode(),
				(output != null) ? output.text() : "", output != null && output.truncated(), result.message(),
				run.startedAtMs(), this.clock.millis());
		if (logger.isDebugEnabled()) {
			// Per run, so DEBUG: at thousands of runs a second INFO would be thousands of lines a second.
			logger.debug("Finished run {} of job {}: {} {} exit {} in {} ms{}", report.runId(), run.request().jobId(),
					report.status().wireName(), report.outcome().wireName(), report.exitCode(), report.durationMs(),
					(report.message() != null) ? " (" + report.message() + ")" : "");
		}
		// Kept at once where a killed process cannot take it along, until the spool has the whole report.
		this.outcomes.record(report.runId(), report.status(), report.outcome(), report.exitCode(),
				report.startedAtMs(), report.endedAtMs());
		this.metrics.finished(run.request().type(), report);
		store(report, durable, 1000);
	}

	/**
	 * Reports runs an earlier life of the agent was executing when it died: their outcome is unknown. Returns
	 * once they are spooled and closed in the journal, so that the agent takes new runs with none left open.
	 */
	void reportInterrupted(RunJournal journal) {
		List<RunJournal.Interrupted> interrupted = journal.interrupted();
		CountDownLatch spooled = new CountDownLatch(interrupted.size());
		for (RunJournal.Interrupted run : interrupted) {
			// Without systemd's cgroup clean-up, a crashed agent's runs may still be running: they must not
			// go on unseen, since the master is about to hear they failed.
			int killed = (run.pid() > 0) ? this.launcher.killOrphans(run.pid(), run.runId()) : 0;
			if (killed > 0) {
				logger.warn("Killed {} leftover process(es) of run {} from before the restart", killed, run.runId());
			}
			if (this.spool.contains(run.runId())) {
				// The report was spooled just before the crash; it is the real one.
				markFinished(run.runId());
				spooled.countDown();
				continue;
			}
			Optional<OutcomeRing.Recorded> recorded = this.outcomes.recorded(run.runId());
			if (recorded.isPresent()) {
				// It ended before the crash, and only its report was lost: its outcome is known, its output not.
				OutcomeRing.Recorded ended = recorded.get();
				logger.info("Run {} ended ({}) just before the agent stopped unexpectedly; reporting its recorded "
						+ "outcome", run.runId(), ended.outcome().wireName());
				store(new RunReport(journal.clusterId(), run.runId(), run.epoch(), this.properties.name(),
						this.properties.host(), ended.status(), ended.outcome(), ended.exitCode(), "", false,
						"the worker agent stopped unexpectedly after this run ended and before its report was "
								+ "written: its outcome was recovered, its output was lost",
						ended.startedAtMs(), ended.endedAtMs()), spooled::countDown, 1000);
				continue;
			}
			long now = this.clock.millis();
			logger.warn("Run {} was running when the agent stopped unexpectedly; reporting its outcome as unknown",
					run.runId());
			// Unknown, not an error: the run may have done its work (a call answered, a script finished) before
			// the crash, so the master retries it only for a job marked idempotent.
			// The journal switches clusters only with no run open, so an interrupted run is its current cluster's.
			store(new RunReport(journal.clusterId(), run.runId(), run.epoch(), this.properties.name(),
					this.properties.host(), RunStatus.UNKNOWN, RunOutcome.FAILED, -1, "", false,
					"the worker agent stopped unexpectedly (crash or kill -9) while this run was running; its outcome is unknown"
							+ ((killed > 0) ? "; its " + killed + " leftover process(es) were killed" : ""),
					run.acceptedAtMs(), now), spooled::countDown, 1000);
		}
		try {
			spooled.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void store(RunReport report, Runnable durable, long backoffMs) {
		try {
			this.spool.submit(report, (failure) -> {
				if (failure == null) {
					markFinished(report.runId());
					this.delivery.wake();
					durable.run();
				}
				else {
					retryLater(report, durable, backoffMs, failure);
				}
			});
		}
		catch (IOException ex) {
			retryLater(report, durable, backoffMs, ex);
		}
	}

	private void retryLater(RunReport report, Runnable durable, long backoffMs, Exception failure) {
		logger.error("Cannot spool the report of run {} ({}); retrying in {} ms", report.runId(), failure.toString(),
				backoffMs);
		// Rare (a full or failing disk), so a sleeping virtual thread per retry rather than a thread kept for it.
		Thread.ofVirtual().name("report-retry-" + report.runId()).start(() -> {
			try {
				Thread.sleep(backoffMs);
			}
			catch (InterruptedException interrupted) {
				return;
			}
			store(report, durable, Math.min(backoffMs * 2, 30_000));
		});
	}

	private void markFinished(long runId) {
		try {
			this.journal.finished(runId);
		}
		catch (IOException ex) {
			// At worst a restart reports this run again as interrupted; the master ignores the repeat.
			logger.warn("Cannot mark run {} finished in the journal: {}", runId, ex.toString());
		}
	}

	@Override
	public void close() throws IOException {
		this.outcomes.close();
	}

}
