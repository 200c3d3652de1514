package io.cronhive.master.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cronhive.common.cron.CronSchedule;

/**
 * Turns one job's schedule into the slots to claim up to a horizon, applying the misfire policy to slots that
 * are already late. Pure: time comes in as arguments, so tests move it freely.
 */
final class SchedulePlanner {

	/** Trigger kind of the row that records slots skipped by the skip policy: finished at once, never sent. */
	static final String SKIPPED = "skipped";

	// Bounds one round's work for one job; a cron firing more often than this per look-ahead is a mistake.
	static final int MAX_SLOTS_PER_ROUND = 200;

	// Bounds the walk over missed slots after a long outage; the count saturates there.
	static final int MAX_MISSED_COUNTED = 100_000;

	private SchedulePlanner() {
	}

	/**
	 * Plans one job.
	 * @param cron the job's schedule
	 * @param nextFireAt the stored next fire time, or null when the schedule was (re)started
	 * @param notBefore Unix ms before which the job must not fire, or null
	 * @param misfire the job's misfire policy
	 * @param now current time, Unix ms
	 * @param horizon claim slots up to and including this instant
	 * @param misfireThreshold a slot older than {@code now - misfireThreshold} counts as missed
	 */
	static SlotPlan plan(CronSchedule cron, Long nextFireAt, Long notBefore, Misfire misfire, long now, long horizon,
			long misfireThreshold) {
		long cursor;
		if (nextFireAt == null) {
			// Started now (or at notBefore): nothing was missed; a slot exactly at the start instant counts.
			long start = Math.max(now, (notBefore != null) ? notBefore : Long.MIN_VALUE);
			cursor = next(cron, start - 1);
		}
		else {
			cursor = nextFireAt;
		}
		if (notBefore != null && cursor < notBefore) {
			cursor = next(cron, notBefore - 1);
		}
		List<SlotPlan.Slot> slots = new ArrayList<>();
		long missed = 0;
		long lastMissed = SlotPlan.NEVER;
		long lateLimit = now - misfireThreshold;
		while (cursor != SlotPlan.NEVER && cursor < lateLimit && missed < MAX_MISSED_COUNTED) {
			missed++;
			lastMissed = cursor;
			cursor = next(cron, cursor);
		}
		while (cursor != SlotPlan.NEVER && cursor < lateLimit) {
			// Saturated count: jump straight to the first slot that is not late.
			cursor = next(cron, lateLimit - 1);
		}
		if (missed > 0) {
			// fire_once: one run stands for all missed slots, under the latest missed slot's key, fired now. skip:
			// a row under that key records the skip (finished, never sent), so the run log and alerts show it.
			slots.add(new SlotPlan.Slot(lastMissed, now, (misfire == Misfire.FIRE_ONCE) ? "catchup" : SKIPPED, cursor));
		}
		while (cursor != SlotPlan.NEVER && cursor <= horizon && slots.size() < MAX_SLOTS_PER_ROUND) {
			long following = next(cron, cursor);
			slots.add(new SlotPlan.Slot(cursor, cursor, "cron", following));
			cursor = following;
		}
		return new SlotPlan(slots, cursor, missed, misfire);
	}

	/**
	 * Folds slots that a dead leader had claimed and that are late by the time they are recovered into the
	 * misfire policy, together with the slots nobody claimed: fire once means one catch-up run for all of them
	 * (taking the key of the latest missed slot), skip one finished record under that key.
	 * @param count how many recovered slots were late (their claims are already withdrawn)
	 * @param latestMs the latest of them
	 */
	static SlotPlan foldRecoveredMisses(SlotPlan plan, long count, long latestMs, long now) {
		List<SlotPlan.Slot> slots = new ArrayList<>(plan.slots());
		boolean planned = slots.stream().anyMatch((slot) -> slot.kind().equals("catchup") || slot.kind().equals(SKIPPED));
		if (!planned) {
			long after = slots.isEmpty() ? plan.nextFireAt() : slots.get(0).scheduledAtMs();
			String kind = (plan.misfire() == Misfire.FIRE_ONCE) ? "catchup" : SKIPPED;
			slots.add(0, new SlotPlan.Slot(latestMs, now, kind, after));
		}
		return new SlotPlan(slots, plan.nextFireAt(), plan.missed() + count, plan.misfire());
	}

	private static long next(CronSchedule cron, long afterMs) {
		Optional<Instant> next = cron.nextAfter(Instant.ofEpochMilli(afterMs));
		return next.map(Instant::toEpochMilli).orElse(SlotPlan.NEVER);
	}

}
