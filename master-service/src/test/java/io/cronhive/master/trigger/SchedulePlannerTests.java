package io.cronhive.master.trigger;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;

import io.cronhive.common.cron.CronSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Slot planning with time passed in, as an injected clock would move it. */
class SchedulePlannerTests {

	private static final CronSchedule EVERY_SECOND = CronSchedule.parse("* * * * * ?", "UTC");

	private static final long T = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

	@Test
	void startedScheduleClaimsEverySlotWithinTheLookAheadAndNothingMissed() {
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, null, null, Misfire.FIRE_ONCE, T + 200, T + 2200, 1000);
		assertThat(plan.missed()).isZero();
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs).containsExactly(T + 1000, T + 2000);
		assertThat(plan.slots()).allSatisfy((s) -> assertThat(s.kind()).isEqualTo("cron"));
		assertThat(plan.nextFireAt()).isEqualTo(T + 3000);
		assertThat(plan.slots().get(0).nextAfter()).isEqualTo(T + 2000);
	}

	@Test
	void slotExactlyAtTheStartInstantFires() {
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, null, null, Misfire.FIRE_ONCE, T, T + 500, 1000);
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs).containsExactly(T);
	}

	@Test
	void notBeforeDelaysTheFirstSlot() {
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, null, T + 5000, Misfire.FIRE_ONCE, T, T + 6500, 1000);
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs).containsExactly(T + 5000, T + 6000);
	}

	@Test
	void slotsMissedWhileNoLeaderFireOnceAsOneCatchUpThenContinue() {
		// Next slot was T; the cluster was down until T + 10.5 s.
		long now = T + 10_500;
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, T, null, Misfire.FIRE_ONCE, now, now + 2000, 1000);
		assertThat(plan.missed()).isEqualTo(10);
		assertThat(plan.slots().get(0)).isEqualTo(new SlotPlan.Slot(T + 9000, now, "catchup", T + 10_000));
		assertThat(plan.slots().subList(1, plan.slots().size())).extracting(SlotPlan.Slot::scheduledAtMs)
			.containsExactly(T + 10_000, T + 11_000, T + 12_000);
		assertThat(plan.slots()).filteredOn((s) -> s.kind().equals("catchup")).hasSize(1);
	}

	@Test
	void slotsMissedWhileNoLeaderAreSkippedUnderSkipPolicy() {
		long now = T + 10_500;
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, T, null, Misfire.SKIP, now, now + 2000, 1000);
		assertThat(plan.missed()).isEqualTo(10);
		// Nothing runs for the gap; one record under the latest missed slot's key says it was skipped.
		assertThat(plan.slots()).extracting(SlotPlan.Slot::kind).containsExactly("skipped", "cron", "cron", "cron");
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs)
			.containsExactly(T + 9_000, T + 10_000, T + 11_000, T + 12_000);
		assertThat(plan.slots().get(0).nextAfter()).isEqualTo(T + 10_000);
	}

	@Test
	void slotLateWithinTheThresholdStillFiresAsItself() {
		SlotPlan plan = SchedulePlanner.plan(EVERY_SECOND, T, null, Misfire.FIRE_ONCE, T + 400, T + 1500, 1000);
		assertThat(plan.missed()).isZero();
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs).containsExactly(T, T + 1000);
	}

	@Test
	void skipPolicyWithNothingInTheLookAheadStillMovesTheScheduleForward() {
		CronSchedule hourly = CronSchedule.parse("0 0 * * * ?", "UTC");
		long now = T + 3 * 3_600_000 + 60_000;
		SlotPlan plan = SchedulePlanner.plan(hourly, T, null, Misfire.SKIP, now, now + 2000, 1000);
		assertThat(plan.missed()).isEqualTo(4);
		assertThat(plan.slots()).singleElement().satisfies((skipped) -> {
			assertThat(skipped.kind()).isEqualTo("skipped");
			assertThat(skipped.scheduledAtMs()).isEqualTo(T + 3 * 3_600_000);
		});
		assertThat(plan.nextFireAt()).isEqualTo(T + 4 * 3_600_000);
	}

	@Test
	void cronThatNeverFiresAgainIsNeverDue() {
		CronSchedule past = CronSchedule.parse("0 0 0 1 1 ? 2020", "UTC");
		SlotPlan plan = SchedulePlanner.plan(past, null, null, Misfire.FIRE_ONCE, T, T + 2000, 1000);
		assertThat(plan.slots()).isEmpty();
		assertThat(plan.nextFireAt()).isEqualTo(SlotPlan.NEVER);
	}

	@Test
	void dailyJobInZoneFiresOnceAcrossTheSpringForwardGap() {
		// 02:30 does not exist in Europe/Berlin on 2026-03-29; the slot must fire once, not zero or twice.
		CronSchedule daily = CronSchedule.parse("0 30 2 * * ?", "Europe/Berlin");
		long from = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant().toEpochMilli();
		SlotPlan plan = SchedulePlanner.plan(daily, null, null, Misfire.FIRE_ONCE, from, from + 2 * 86_400_000L, 1000);
		assertThat(plan.slots()).hasSizeBetween(1, 2);
		assertThat(plan.slots()).extracting(SlotPlan.Slot::scheduledAtMs).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void hourlyJobInZoneFiresOncePerInstantAcrossTheFallBackOverlap() {
		CronSchedule at130 = CronSchedule.parse("0 30 1 * * ?", "America/New_York");
		long from = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneId.of("America/New_York")).toInstant().toEpochMilli();
		SlotPlan plan = SchedulePlanner.plan(at130, null, null, Misfire.FIRE_ONCE, from, from + 4 * 3_600_000L, 1000);
		assertThat(plan.slots()).hasSize(1);
	}


	@Test
	void lateSlotsRecoveredFromADeadLeaderFoldIntoTheOneCatchUpOfTheUnclaimedMisses() {
		long now = T + 5300;
		// The dead leader had claimed T..T+2000; T+3000 and T+4000 went unclaimed.
		SlotPlan planned = SchedulePlanner.plan(EVERY_SECOND, T + 3000, null, Misfire.FIRE_ONCE, now, now + 2000, 1000);
		SlotPlan plan = SchedulePlanner.foldRecoveredMisses(planned, 3, T + 2000, now);
		assertThat(plan.slots()).filteredOn((slot) -> slot.kind().equals("catchup")).hasSize(1);
		assertThat(plan.missed()).isEqualTo(5);
	}

	@Test
	void lateSlotsRecoveredFromADeadLeaderGiveOneCatchUpWhenNothingElseWasMissed() {
		long now = T + 2500;
		SlotPlan planned = SchedulePlanner.plan(EVERY_SECOND, T + 3000, null, Misfire.FIRE_ONCE, now, now + 2000, 1000);
		SlotPlan plan = SchedulePlanner.foldRecoveredMisses(planned, 2, T + 1000, now);
		// It leaves the schedule at the first slot still to fire, so a round split in two passes chains right.
		assertThat(plan.slots().get(0)).isEqualTo(new SlotPlan.Slot(T + 1000, now, "catchup", T + 3000));
		assertThat(plan.slots()).filteredOn((slot) -> slot.kind().equals("catchup")).hasSize(1);
	}

	@Test
	void lateSlotsRecoveredFromADeadLeaderAreRecordedAsSkippedUnderSkipPolicy() {
		long now = T + 2500;
		SlotPlan planned = SchedulePlanner.plan(EVERY_SECOND, T + 3000, null, Misfire.SKIP, now, now + 2000, 1000);
		SlotPlan plan = SchedulePlanner.foldRecoveredMisses(planned, 2, T + 1000, now);
		assertThat(plan.slots()).noneMatch((slot) -> slot.kind().equals("catchup"));
		assertThat(plan.slots().get(0)).satisfies((skipped) -> {
			assertThat(skipped.kind()).isEqualTo("skipped");
			assertThat(skipped.scheduledAtMs()).isEqualTo(T + 1000);
			assertThat(skipped.nextAfter()).as("the first slot still to fire").isEqualTo(T + 3000);
		});
		assertThat(plan.slots()).filteredOn((slot) -> slot.kind().equals("skipped")).hasSize(1);
		assertThat(plan.missed()).isEqualTo(2);
	}

}
