package io.cronhive.admin.alert;

import java.time.Instant;
import java.util.Locale;

import io.cronhive.admin.alert.Verdict.Transition;

/**
 * The rules, as a pure function of one observation and the subject's state (an incident open or not, failures
 * in a row), so they are tested without a database. De-duplication lives here: while an incident is open, a
 * repeat is folded into it (no alert), and only the all-clear ends it.
 */
final class RuleLogic {

	private RuleLogic() {
	}

	/**
	 * @param run a run of a job the rule watches
	 * @param open whether the rule has an open incident for the run's job
	 * @param streak the job's failures in a row so far (consecutive_failures)
	 * @param now the evaluation time, for runs still running
	 */
	static Verdict judge(RuleKind kind, Long threshold, RunFact run, boolean open, int streak, long now) {
		return switch (kind) {
			case RUN_FAILED -> failure(run, open, streak, 1);
			case CONSECUTIVE_FAILURES -> failure(run, open, streak, (threshold != null) ? threshold : 2);
			case MISSED_FIRE -> missed(run, open, streak);
			case LATE_TRIGGER -> late(run, open, streak, threshold);
			case LONG_RUN -> longRun(run, open, streak, threshold, now);
			case GROUP_UNHEALTHY -> Verdict.none(streak);
		};
	}

	/** The group rule: unhealthy (no online worker) opens, healthy again resolves. */
	static Verdict group(String groupName, long groupId, boolean healthy, String detail, boolean open) {
		String subject = "worker group '" + groupName + "' (" + groupId + ")";
		if (!healthy && !open) {
			return new Verdict(Transition.OPEN, subject + " has no online worker" + detail, 0);
		}
		if (healthy && open) {
			return new Verdict(Transition.RESOLVE, subject + " has an online worker again" + detail, 0);
		}
		return Verdict.none(0);
	}

	private static Verdict failure(RunFact run, boolean open, int streak, long needed) {
		if (run.failed()) {
			int failures = streak + 1;
			if (open) {
				return new Verdict(Transition.FOLD, null, failures);
			}
			if (failures < needed) {
				return Verdict.none(failures);
			}
			String what = (needed > 1) ? failures + " runs failed in a row, the last run " + run.runId()
					: "run " + run.runId() + " failed";
			return new Verdict(Transition.OPEN, capitalized(run.describe()) + ": " + what + reason(run), failures);
		}
		if (run.succeeded()) {
			return open ? new Verdict(Transition.RESOLVE, capitalized(run.describe()) + ": run " + run.runId() + " succeeded", 0)
					: Verdict.none(0);
		}
		return Verdict.none(streak);
	}

	private static Verdict missed(RunFact run, boolean open, int streak) {
		if (run.missed() || run.caughtUp()) {
			if (open) {
				return new Verdict(Transition.FOLD, null, streak);
			}
			String what = run.missed() ? "the slot at " + Instant.ofEpochMilli(run.scheduledAt()) + " did not run: " + run.message()
					: "slots were missed while no master led; run " + run.runId() + " caught up (misfire policy fire_once)";
			return new Verdict(Transition.OPEN, capitalized(run.describe()) + ": " + what, streak);
		}
		if (open && run.finished() && "cron".equals(run.triggerKind())) {
			return new Verdict(Transition.RESOLVE,
					capitalized(run.describe()) + ": run " + run.runId() + " fired on its slot again", streak);
		}
		return Verdict.none(streak);
	}

	private static Verdict late(RunFact run, boolean open, int streak, Long threshold) {
		Long lateness = run.lateness();
		if (lateness == null || threshold == null) {
			return Verdict.none(streak);
		}
		if (lateness > threshold) {
			return open ? new Verdict(Transition.FOLD, null, streak) : new Verdict(Transition.OPEN,
					capitalized(run.describe()) + ": run " + run.runId() + " was dispatched " + seconds(lateness)
							+ " after its slot (threshold " + seconds(threshold) + ")",
					streak);
		}
		return open ? new Verdict(Transition.RESOLVE, capitalized(run.describe()) + ": run " + run.runId()
				+ " was dispatched " + seconds(lateness) + " after its slot, within " + seconds(threshold), streak)
				: Verdict.none(streak);
	}

	private static Verdict longRun(RunFact run, boolean open, int streak, Long threshold, long now) {
		Long duration = run.duration(now);
		if (duration == null || threshold == null) {
			return Verdict.none(streak);
		}
		if (duration > threshold) {
			if (open) {
				return new Verdict(Transition.FOLD, null, streak);
			}
			String what = run.finished() ? " ran " + seconds(duration) : " has been running for " + seconds(duration);
			return new Verdict(Transition.OPEN, capitalized(run.describe()) + ": run " + run.runId() + what
					+ " (limit " + seconds(threshold) + ")", streak);
		}
		return (open && run.finished()) ? new Verdict(Transition.RESOLVE, capitalized(run.describe()) + ": run "
				+ run.runId() + " ran " + seconds(duration) + ", within " + seconds(threshold), streak)
				: Verdict.none(streak);
	}

	private static String reason(RunFact run) {
		if (run.message() != null && !run.message().isBlank()) {
			return ": " + run.message();
		}
		return (run.exitCode() != null) ? " (exit code " + run.exitCode() + ")" : "";
	}

	private static String seconds(long ms) {
		return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
