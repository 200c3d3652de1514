package io.cronhive.common.dispatch;

/**
 * Asks a worker to kill a running run (replace policy, timeout, or an operator's request).
 *
 * @param clusterId the cluster whose run it is: a worker never kills another cluster's run of the same id
 * @param runId the run
 * @param reason why, for the run's message
 */
public record KillRequest(String clusterId, long runId, String reason) {
}
