package io.cronhive.common.cron;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Test shorthand: fire times as instants from readable local-with-offset or UTC strings. */
final class Fires {

	private Fires() {
	}

	static List<Instant> next(String expression, String zone, String after, int count) {
		return CronSchedule.parse(expression, zone).nextAfter(at(after), count);
	}

	/** {@code 2026-03-29T03:00+02:00} or {@code 2026-03-29T01:00:00Z}. */
	static Instant at(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

	static List<Instant> all(String... texts) {
		return Arrays.stream(texts).map(Fires::at).toList();
	}

}
