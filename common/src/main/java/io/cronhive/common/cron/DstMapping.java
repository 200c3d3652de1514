package io.cronhive.common.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Maps matching wall-clock times to instants in a zone with DST. The rules (cronie's, stated on
 * {@link CronSchedule}): a skipped time fires once when the gap ends; a repeated time fires on its first pass; a
 * schedule matching every hour follows real time, skipping gap times and firing in both passes of an overlap.
 */
final class DstMapping {

	/** Each loop turn passes one DST transition; a handful is plenty. */
	private static final int MAX_TRANSITIONS = 16;

	private DstMapping() {
	}

	static Instant nextAfter(CronFields fields, ZoneRules rules, boolean realTime, Instant after) {
		ZoneOffset offset = rules.getOffset(after);
		LocalDateTime local = CronSchedule.local(after, offset);
		ZoneOffsetTransition firstPassDone = null;
		ZoneOffsetTransition around = rules.getTransition(local);
		if (around != null && around.isOverlap()) {
			firstPassDone = around;
			if (offset.equals(around.getOffsetBefore())) {
				// 'after' lies in the first pass of a repeated hour.
				LocalDateTime next = fields.nextAfter(local);
				if (next != null && next.isBefore(around.getDateTimeBefore())) {
					return next.toInstant(around.getOffsetBefore());
				}
				if (realTime) {
					LocalDateTime again = fields.nextAfter(around.getDateTimeAfter().minusSeconds(1));
					if (again != null && again.isBefore(around.getDateTimeBefore())) {
						return again.toInstant(around.getOffsetAfter());
					}
				}
			}
		}
		LocalDateTime cursor = local;
		for (int i = 0; i < MAX_TRANSITIONS; i++) {
			LocalDateTime next = fields.nextAfter(cursor);
			if (next == null) {
				return null;
			}
			ZoneOffsetTransition transition = rules.getTransition(next);
			if (transition == null) {
				return next.toInstant(rules.getOffset(next));
			}
			if (transition.isGap()) {
				if (!realTime) {
					return transition.getInstant();
				}
				cursor = transition.getDateTimeAfter().minusSeconds(1);
			}
			else if (!transition.equals(firstPassDone)) {
				return next.toInstant(transition.getOffsetBefore());
			}
			else if (realTime) {
				return next.toInstant(transition.getOffsetAfter());
			}
			else {
				cursor = transition.getDateTimeBefore().minusSeconds(1);
			}
		}
		return null;
	}

}
