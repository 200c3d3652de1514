package io.cronhive.admin.alert;

import io.cronhive.common.job.RunOutcome;

/**
 * What the evaluator knows of one run row ({@code run_logs}), and how the master's own bookkeeping reads: the
 * master finishes a slot it gave up on with result failed and a message saying why, so a slot missed or
 * skipped by the misfire or concurrency policy is told apart from a failed run by that message.
 *
 * @param triggerKind {@code cron}, {@code catchup} (one run for slots missed while no master led), manual, retry…
 * @param scheduledAt the slot (Unix ms)
 * @param dispatchedAt when the master sent it to a worker, or null
 * @param times the run's duration in ms, or null
 */
record RunFact(long runId, long jobId, String jobName, String triggerKind, boolean finished, Integer result,
		long scheduledAt, Long dispatchedAt, Long startedAt, Long endedAt, Long times, String message,
		Integer exitCode) {

	// The master's wording (master-service Dispatcher, ConcurrencyGuard): a contract between the two services.
	private static final String[] MISSED_PREFIXES = { "skipped by the job's misfire policy",
			"missed by the job's misfire policy", "skipped: run " };

	boolean missed() {
		if (!this.finished || this.message == null) {
			return false;
		}
		for (String prefix : MISSED_PREFIXES) {
			if (this.message.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** A catch-up run stands for slots missed while no master led (misfire policy fire_once). */
	boolean caughtUp() {
		return "catchup".equals(this.triggerKind);
	}

	boolean failed() {
		return this.finished && this.result != null && this.result == RunOutcome.FAILED.code() && !missed();
	}

	boolean succeeded() {
		return this.finished && this.result != null && this.result == RunOutcome.OK.code();
	}

	/** Trigger lateness of an on-time cron run: dispatch minus slot; null for other runs. */
	Long lateness() {
		return ("cron".equals(this.triggerKind) && this.dispatchedAt != null) ? this.dispatchedAt - this.scheduledAt : null;
	}

	/** How long it ran (finished) or has been running since it started or was dispatched (at {@code now}). */
	Long duration(long now) {
		if (this.finished) {
			if (this.times != null) {
				return this.times;
			}
			return (this.startedAt != null && this.endedAt != null) ? this.endedAt - this.startedAt : null;
		}
		Long since = (this.startedAt != null) ? this.startedAt : this.dispatchedAt;
		return (since != null) ? now - since : null;
	}

	String describe() {
		return "job '" + this.jobName + "' (" + this.jobId + ")";
	}

}
