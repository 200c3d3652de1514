package io.cronhive.master.run;

/**
 * A run this leader holds under its epoch and will send at {@code scheduledAtMs} (or now, if that has passed).
 *
 * @param runId the run_logs id
 * @param epoch the epoch that claimed it
 * @param scheduledAtMs the slot's instant
 * @param triggerKind cron, manual, retry, delayed or catchup
 * @param attempt 1 for the first try
 * @param job the job definition
 */
public record ClaimedRun(long runId, long epoch, long scheduledAtMs, String triggerKind, int attempt, JobSpec job) {
}
