package io.cronhive.master.run;

import io.cronhive.common.dispatch.RunReport;

/**
 * What applying one report of a batch did, with what the follow-ups need from the run's row (its trigger kind
 * and scheduled instant, for start lateness), so they need no query of their own.
 *
 * @param report the report
 * @param outcome what it did
 * @param triggerKind the run's trigger kind, or null for an unknown run
 * @param scheduledAtMs the run's scheduled instant (Unix ms), or 0 for an unknown run
 */
public record ReportResult(RunReport report, ReportOutcome outcome, String triggerKind, long scheduledAtMs) {
}
