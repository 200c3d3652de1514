package io.cronhive.master.dependency;

import io.cronhive.common.job.RunCondition;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

/**
 * A run that just finished, paired with one edge from its job to a dependent job.
 *
 * @param runId the finished run
 * @param jobId its job
 * @param status its seed status code
 * @param outcome how it ended
 * @param attempt its attempt number
 * @param retries the job's extra attempts after a failure
 * @param idempotent whether the job's runs of unknown outcome are retried too
 * @param instantMs the scheduled instant the run belongs to (its first attempt's, or its parent's)
 * @param childJobId the dependent job
 * @param join whether the edge is a join edge (else a trigger edge)
 * @param condition when a trigger edge fires
 * @param joinTimeoutMs the child's join timeout
 */
record FinishedParent(long runId, long jobId, int status, RunOutcome outcome, int attempt, int retries,
		boolean idempotent, long instantMs, long childJobId, boolean join, RunCondition condition,
		long joinTimeoutMs) {

	/**
	 * Whether this is the parent's last word: a failed run its job will retry is not, and its dependents wait for
	 * the retry. Mirrors {@code RunRetries.scheduleRetry}, which decides after this transaction commits.
	 */
	boolean isFinal() {
		if (this.outcome == RunOutcome.OK || this.attempt > this.retries) {
			return true;
		}
		return this.status == RunStatus.UNKNOWN.code() && !this.idempotent;
	}

	/** The status a child is told: {@code success} or {@code failure}. */
	String parentStatus() {
		return statusOf(this.outcome);
	}

	static String statusOf(RunOutcome outcome) {
		return (outcome == RunOutcome.OK) ? "success" : "failure";
	}

}
