package io.cronhive.common.dispatch;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

/**
 * What a worker reports about a run: once when it finished (status done or error). Masters apply it
 * idempotently, so a worker repeats it until one acknowledges.
 *
 * @param clusterId the cluster that dispatched the run; a master ignores reports of another cluster's runs
 * @param runId the run
 * @param epoch the epoch the run was dispatched with
 * @param workerName the worker's name
 * @param workerHost the worker's ip
 * @param status done (ran to completion) or error (could not run, killed, timed out)
 * @param outcome ok or failed
 * @param exitCode process exit code, HTTP status for http jobs, or -1 when there is none
 * @param output captured stdout and stderr, capped
 * @param outputTruncated whether output was capped
 * @param message why it failed, when it did (timeout, killed, toolchain missing...)
 * @param startedAtMs Unix ms the run started on the worker
 * @param endedAtMs Unix ms it ended
 */
public record RunReport(String clusterId, long runId, long epoch, String workerName, String workerHost,
		RunStatus status, RunOutcome outcome, int exitCode, String output, boolean outputTruncated, String message,
		long startedAtMs, long endedAtMs) {

	public long durationMs() {
		return Math.max(0, this.endedAtMs - this.startedAtMs);
	}

}
