package io.cronhive.master.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cronhive.common.job.JobType;
import io.cronhive.master.run.JobSpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A round that holds seconds of slots claims what is due now before the rest. */
class ClaimOrderTests {

	private static final long NOW = 1_800_000_000_000L;

	@Test
	void aJobWithSlotsOnBothSidesIsClaimedInTwoLinkedSteps() {
		// Catching up after a takeover: a catch-up now, then every second up to the look-ahead.
		BatchClaims.JobClaim claim = claim(1, NOW - 4_000, NOW + 3_000, new SlotPlan.Slot(NOW - 1_000, NOW, "catchup", NOW + 1_000),
				slot(NOW + 1_000), slot(NOW + 2_000));

		ClaimOrder.Passes passes = ClaimOrder.split(List.of(claim), NOW + 750);

		assertThat(passes.urgent()).singleElement().satisfies((urgent) -> {
			assertThat(urgent.expectedNext()).isEqualTo(NOW - 4_000);
			assertThat(urgent.newNext()).isEqualTo(NOW + 1_000);
			assertThat(urgent.slots()).extracting(SlotPlan.Slot::kind).containsExactly("catchup");
		});
		assertThat(passes.later()).singleElement().satisfies((later) -> {
			assertThat(later.expectedNext()).as("where the first step leaves the schedule").isEqualTo(NOW + 1_000);
			assertThat(later.newNext()).isEqualTo(NOW + 3_000);
			assertThat(later.slots()).extracting(SlotPlan.Slot::scheduledAtMs).containsExactly(NOW + 1_000, NOW + 2_000);
		});
	}

	@Test
	void jobsAllOnOneSideStayWholeAndAMoveWithoutSlotsWaitsForTheSecondPass() {
		BatchClaims.JobClaim dueNow = claim(1, NOW, NOW + 1_000, slot(NOW));
		BatchClaims.JobClaim future = claim(2, NOW + 1_000, NOW + 2_000, slot(NOW + 1_000));
		BatchClaims.JobClaim skipped = claim(3, NOW - 5_000, NOW + 5_000);

		ClaimOrder.Passes passes = ClaimOrder.split(List.of(dueNow, future, skipped), NOW + 750);

		assertThat(passes.urgent()).containsExactly(dueNow);
		assertThat(passes.later()).containsExactly(future, skipped);
	}

	@Test
	void everySlotIsClaimedOnceAcrossThePasses() {
		List<BatchClaims.JobClaim> claims = new ArrayList<>();
		for (long job = 1; job <= 50; job++) {
			long first = NOW - 1_000 + job * 37;
			claims.add(claim(job, first, first + 4_000, slot(first), slot(first + 1_000), slot(first + 2_000), slot(first + 3_000)));
		}
		ClaimOrder.Passes passes = ClaimOrder.split(claims, NOW + 750);
		List<SlotPlan.Slot> all = new ArrayList<>();
		passes.urgent().forEach((claim) -> all.addAll(claim.slots()));
		passes.later().forEach((claim) -> all.addAll(claim.slots()));
		assertThat(all).containsExactlyInAnyOrderElementsOf(claims.stream().flatMap((claim) -> claim.slots().stream()).toList());
		assertThat(passes.urgent()).allSatisfy((claim) -> assertThat(claim.slots()).allSatisfy(
				(slot) -> assertThat(slot.fireAtMs()).isLessThanOrEqualTo(NOW + 750)));
	}

	private static SlotPlan.Slot slot(long at) {
		return new SlotPlan.Slot(at, at, "cron", at + 1_000);
	}

	private static BatchClaims.JobClaim claim(long id, long expected, long next, SlotPlan.Slot... slots) {
		JobSpec job = new JobSpec(id, "uuid-" + id, "job-" + id, null, null, null, "* * * * * ?", "UTC", JobType.HTTP,
				"http://127.0.0.1:9/hit", Map.of(), 0, 0, 1000, "failover", "fire_once", "allow", "u");
		return new BatchClaims.JobClaim(new ScheduledJob(job, null, expected, 1), expected, next, List.of(slots));
	}

}
