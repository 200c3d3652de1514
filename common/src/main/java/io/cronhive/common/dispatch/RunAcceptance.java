package io.cronhive.common.dispatch;

/**
 * A worker's answer to a dispatched run.
 *
 * @param runId the run
 * @param accepted true if the worker started it now, false if it already knew the run id (not run again)
 * @param workerName the worker's name
 * @param workerHost the worker's ip
 */
public record RunAcceptance(long runId, boolean accepted, String workerName, String workerHost) {
}
