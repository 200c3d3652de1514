package io.cronhive.master.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the slots due soonest first. A round claims in job order, chunk by chunk, and arms its runs when every
 * chunk is in; in a steady round that is a quarter of a second of slots, but after a takeover, an outage or a
 * cold start one round holds seconds of them for thousands of jobs, and the slots due right now waited behind
 * the future slots of every job before them. So a round claims in two passes: what must be sent within the next
 * poll, then the rest. A job whose slots fall on both sides gets two claims, the second expecting the schedule
 * where the first leaves it, so the compare-and-set chain stays unbroken.
 */
final class ClaimOrder {

	private ClaimOrder() {
	}

	/**
	 * @param urgentUntilMs slots to fire by then go in the first pass
	 */
	static Passes split(List<BatchClaims.JobClaim> claims, long urgentUntilMs) {
		List<BatchClaims.JobClaim> urgent = new ArrayList<>();
		List<BatchClaims.JobClaim> later = new ArrayList<>();
		for (BatchClaims.JobClaim claim : claims) {
			List<SlotPlan.Slot> slots = claim.slots();
			int due = 0;
			while (due < slots.size() && slots.get(due).fireAtMs() <= urgentUntilMs) {
				due++;
			}
			if (due == 0) {
				later.add(claim);
			}
			else if (due == slots.size()) {
				urgent.add(claim);
			}
			else {
				long between = slots.get(due - 1).nextAfter();
				urgent.add(new BatchClaims.JobClaim(claim.job(), claim.expectedNext(), between, slots.subList(0, due)));
				later.add(new BatchClaims.JobClaim(claim.job(), between, claim.newNext(), slots.subList(due, slots.size())));
			}
		}
		return new Passes(urgent, later);
	}

	/**
	 * A round's claims in the order to make them.
	 *
	 * @param urgent claims whose slots are all due within the next poll
	 * @param later the rest: future slots, and schedules that only move past missed slots
	 */
	record Passes(List<BatchClaims.JobClaim> urgent, List<BatchClaims.JobClaim> later) {
	}

}
