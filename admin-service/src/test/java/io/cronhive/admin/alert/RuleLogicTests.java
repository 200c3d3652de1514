package io.cronhive.admin.alert;

import io.cronhive.admin.alert.Verdict.Transition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleLogicTests {

	static final long NOW = 1_800_000_000_000L;

	@Test
	void failedRunOpensThenRepeatsFoldAndSuccessResolves() {
		Verdict first = RuleLogic.judge(RuleKind.RUN_FAILED, null, failed(1, "exit code 3"), false, 0, NOW);
		assertThat(first.transition()).isEqualTo(Transition.OPEN);
		assertThat(first.text()).isEqualTo("Job 'nightly' (7): run 1 failed: exit code 3");
		assertThat(RuleLogic.judge(RuleKind.RUN_FAILED, null, failed(2, null), true, 1, NOW).transition())
			.isEqualTo(Transition.FOLD);
		Verdict clear = RuleLogic.judge(RuleKind.RUN_FAILED, null, ok(3), true, 2, NOW);
		assertThat(clear.transition()).isEqualTo(Transition.RESOLVE);
		assertThat(clear.text()).isEqualTo("Job 'nightly' (7): run 3 succeeded");
		assertThat(RuleLogic.judge(RuleKind.RUN_FAILED, null, ok(4), false, 0, NOW).transition())
			.isEqualTo(Transition.NONE);
	}

	@Test
	void consecutiveFailuresOpenOnlyAtTheThresholdAndASuccessResetsTheStreak() {
		Verdict one = RuleLogic.judge(RuleKind.CONSECUTIVE_FAILURES, 3L, failed(1, null), false, 0, NOW);
		assertThat(one.transition()).isEqualTo(Transition.NONE);
		assertThat(one.streak()).isEqualTo(1);
		Verdict reset = RuleLogic.judge(RuleKind.CONSECUTIVE_FAILURES, 3L, ok(2), false, 1, NOW);
		assertThat(reset.streak()).isZero();
		assertThat(RuleLogic.judge(RuleKind.CONSECUTIVE_FAILURES, 3L, failed(3, null), false, 1, NOW).transition())
			.isEqualTo(Transition.NONE);
		Verdict third = RuleLogic.judge(RuleKind.CONSECUTIVE_FAILURES, 3L, failed(4, null), false, 2, NOW);
		assertThat(third.transition()).isEqualTo(Transition.OPEN);
		assertThat(third.text()).contains("3 runs failed in a row, the last run 4");
		assertThat(RuleLogic.judge(RuleKind.CONSECUTIVE_FAILURES, 3L, failed(5, null), true, 3, NOW).transition())
			.isEqualTo(Transition.FOLD);
	}

	@Test
	void aSlotSkippedByTheMisfirePolicyIsAMissNotAFailure() {
		RunFact skipped = run(9, "cron", 2, NOW - 5000, NOW - 4000, null,
				"skipped by the job's misfire policy (skip): every candidate worker was busy for 2.0 s");
		assertThat(RuleLogic.judge(RuleKind.RUN_FAILED, null, skipped, false, 0, NOW).transition()).isEqualTo(Transition.NONE);
		Verdict missed = RuleLogic.judge(RuleKind.MISSED_FIRE, null, skipped, false, 0, NOW);
		assertThat(missed.transition()).isEqualTo(Transition.OPEN);
		assertThat(missed.text()).contains("did not run: skipped by the job's misfire policy");
		assertThat(RuleLogic.judge(RuleKind.MISSED_FIRE, null, ok(10), true, 0, NOW).transition())
			.isEqualTo(Transition.RESOLVE);
	}

	@Test
	void aCatchUpRunOpensAMissedFireIncidentEvenWhenItSucceeds() {
		RunFact catchup = run(11, "catchup", 1, NOW - 60_000, NOW - 1000, 500L, null);
		Verdict verdict = RuleLogic.judge(RuleKind.MISSED_FIRE, null, catchup, false, 0, NOW);
		assertThat(verdict.transition()).isEqualTo(Transition.OPEN);
		assertThat(verdict.text()).contains("slots were missed while no master led; run 11 caught up");
		// A manual run says nothing about slots: it neither opens nor clears.
		assertThat(RuleLogic.judge(RuleKind.MISSED_FIRE, null, run(12, "manual", 1, NOW, NOW, 1L, null), true, 0, NOW)
			.transition()).isEqualTo(Transition.NONE);
	}

	@Test
	void lateTriggerComparesDispatchWithTheSlotForCronRunsOnly() {
		RunFact late = run(20, "cron", 1, NOW - 10_000, NOW - 3_000, 10L, null);
		Verdict verdict = RuleLogic.judge(RuleKind.LATE_TRIGGER, 5000L, late, false, 0, NOW);
		assertThat(verdict.transition()).isEqualTo(Transition.OPEN);
		assertThat(verdict.text()).contains("dispatched 7.0 s after its slot (threshold 5.0 s)");
		RunFact onTime = run(21, "cron", 1, NOW - 10_000, NOW - 9_990, 10L, null);
		assertThat(RuleLogic.judge(RuleKind.LATE_TRIGGER, 5000L, onTime, true, 0, NOW).transition())
			.isEqualTo(Transition.RESOLVE);
		RunFact lateManual = run(22, "manual", 1, NOW - 10_000, NOW - 3_000, 10L, null);
		assertThat(RuleLogic.judge(RuleKind.LATE_TRIGGER, 5000L, lateManual, false, 0, NOW).transition())
			.isEqualTo(Transition.NONE);
	}

	@Test
	void longRunOpensWhileTheRunIsStillRunningAndClearsOnAShortOne() {
		RunFact running = new RunFact(30, 7, "nightly", "cron", false, null, NOW - 100_000, NOW - 95_000, null, null,
				null, null, null);
		Verdict verdict = RuleLogic.judge(RuleKind.LONG_RUN, 60_000L, running, false, 0, NOW);
		assertThat(verdict.transition()).isEqualTo(Transition.OPEN);
		assertThat(verdict.text()).contains("run 30 has been running for 95.0 s (limit 60.0 s)");
		assertThat(RuleLogic.judge(RuleKind.LONG_RUN, 60_000L, run(31, "cron", 1, NOW, NOW, 2_000L, null), true, 0, NOW)
			.transition()).isEqualTo(Transition.RESOLVE);
	}

	@Test
	void groupOpensWhenNoWorkerIsOnlineAndResolvesWhenOneIs() {
		assertThat(RuleLogic.group("east", 3, false, " (0 of 2 member(s) online)", false).text())
			.isEqualTo("worker group 'east' (3) has no online worker (0 of 2 member(s) online)");
		assertThat(RuleLogic.group("east", 3, false, "", true).transition()).isEqualTo(Transition.NONE);
		assertThat(RuleLogic.group("east", 3, true, "", true).transition()).isEqualTo(Transition.RESOLVE);
		assertThat(RuleLogic.group("east", 3, true, "", false).transition()).isEqualTo(Transition.NONE);
	}

	static RunFact failed(long id, String message) {
		return new RunFact(id, 7, "nightly", "cron", true, 2, NOW - 1000, NOW - 990, NOW - 980, NOW - 10, 970L, message,
				(message == null) ? 1 : null);
	}

	static RunFact ok(long id) {
		return run(id, "cron", 1, NOW - 1000, NOW - 990, 100L, null);
	}

	static RunFact run(long id, String trigger, int result, long slot, long dispatched, Long times, String message) {
		return new RunFact(id, 7, "nightly", trigger, true, result, slot, dispatched, dispatched,
				(times != null) ? dispatched + times : dispatched, times, message, null);
	}

}
