package io.cronhive.common.dispatch;

/**
 * The finished run that triggered a dependent run: handed to the worker with the run, which passes it on as
 * {@code CRONHIVE_PARENT_*} environment to processes and {@code X-Cronhive-Parent-*} headers to HTTP calls.
 * For a join, the parent whose success completed it.
 *
 * @param runId the parent run's id
 * @param jobId the parent job's UUID
 * @param status {@code success} or {@code failure}
 */
public record RunParent(long runId, String jobId, String status) {
}
