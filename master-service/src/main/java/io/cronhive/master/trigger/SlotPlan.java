package io.cronhive.master.trigger;

import java.util.List;

/**
 * What to do for one job in one planning round: the slots to claim in order (each also advances the job's
 * next fire time), and how many slots were missed.
 *
 * @param slots slots to claim, in fire order
 * @param nextFireAt the job's next fire time once all slots are claimed ({@link #NEVER} if the cron ends)
 * @param missed how many slots were missed (late beyond the misfire threshold when first seen)
 * @param misfire the policy applied to them
 */
record SlotPlan(List<Slot> slots, long nextFireAt, long missed, Misfire misfire) {

	/** next_fire_at of a schedule whose cron never fires again: never due. */
	static final long NEVER = Long.MAX_VALUE;

	SlotPlan {
		slots = List.copyOf(slots);
	}

	/**
	 * One slot to claim.
	 *
	 * @param scheduledAtMs the slot's instant (and its key)
	 * @param fireAtMs when to send it: the instant itself, or now for a catch-up
	 * @param kind trigger kind: cron or catchup
	 * @param nextAfter the job's next fire time once this slot is claimed
	 */
	record Slot(long scheduledAtMs, long fireAtMs, String kind, long nextAfter) {
	}

}
