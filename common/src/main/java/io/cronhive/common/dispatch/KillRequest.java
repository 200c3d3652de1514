package io.cronhive.common.dispatch;

/** Asks a worker to kill a running run (replace policy, timeout, or an operator's request). */
public record KillRequest(long runId, String reason) {
}
