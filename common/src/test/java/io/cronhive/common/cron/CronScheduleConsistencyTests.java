package io.cronhive.common.cron;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties over many generated expressions (fixed seed, so failures reproduce): agreement with Quartz in UTC, and
 * in DST zones a next fire time that is strictly later and that nothing between the start and it would skip past.
 */
class CronScheduleConsistencyTests {

	private static final String[] ZONES = { "Europe/Berlin", "America/New_York", "Australia/Sydney",
			"Australia/Lord_Howe", "UTC" };

	@Test
	void generatedQuartzExpressionsAgreeWithQuartz() throws ParseException {
		Random random = new Random(20261125);
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 300; i++) {
			String expression = quartzExpression(random);
			CronExpression quartz = new CronExpression(expression);
			quartz.setTimeZone(TimeZone.getTimeZone("UTC"));
			Instant from = start.plus(Duration.ofMinutes(random.nextInt(5_000_000)));
			List<Instant> theirs = new ArrayList<>();
			Date cursor = Date.from(from);
			while (theirs.size() < 5 && (cursor = quartz.getNextValidTimeAfter(cursor)) != null) {
				theirs.add(cursor.toInstant());
			}
			if (quartz.getNextValidTimeAfter(Date.from(Instant.parse("1970-01-01T00:00:00Z"))) == null) {
				// Such as L-30 in February: Quartz accepts it and never fires; we refuse it up front.
				assertThatExceptionOfType(InvalidCronException.class)
					.isThrownBy(() -> CronSchedule.parse(expression, "UTC"))
					.withMessageContaining("never fires");
				continue;
			}
			assertThat(CronSchedule.parse(expression, "UTC").nextAfter(from, 5)).as("%s after %s", expression, from)
				.isEqualTo(theirs);
		}
	}

	@Test
	void nextFireIsStrictlyLaterAndNothingInBetweenSkipsPastIt() {
		Random random = new Random(7);
		String[] expressions = { "0 * * * * ?", "0 */7 * * * ?", "0 30 2 * * ?", "0 0 1-3 * * ?", "15 * 2 * * ?",
				"*/20 * * * *", "30 1,2 * * *", "0 0 * * *", "* * * * * ?", "0 0/30 0-4 ? * SUN" };
		for (int i = 0; i < 2000; i++) {
			String zone = ZONES[random.nextInt(ZONES.length)];
			CronSchedule schedule = CronSchedule.parse(expressions[random.nextInt(expressions.length)], zone);
			Instant transitionWeek = Instant.parse(random.nextBoolean() ? "2026-03-27T00:00:00Z" : "2026-10-23T00:00:00Z")
				.plus(Duration.ofDays(random.nextBoolean() ? 0 : 9));
			Instant after = transitionWeek.plusMillis((long) (random.nextDouble() * Duration.ofDays(4).toMillis()));
			Optional<Instant> next = schedule.nextAfter(after);
			assertThat(next).as("%s after %s", schedule, after).isPresent();
			assertThat(next.get()).isAfter(after);
			Instant between = after.plus(Duration.between(after, next.get()).dividedBy(2));
			assertThat(schedule.nextAfter(between)).as("%s after %s", schedule, between).isEqualTo(next);
			assertThat(schedule.nextAfter(next.get().minusNanos(1))).as("%s just before %s", schedule, next)
				.isEqualTo(next);
		}
	}

	private static String quartzExpression(Random random) {
		String dom;
		String dow;
		switch (random.nextInt(4)) {
			case 0 -> {
				dom = pick(random, "?", "*");
				dow = pick(random, "?", "*", "2-6", "1,7", "6#" + (1 + random.nextInt(5)), (1 + random.nextInt(7)) + "L",
						"3/2", "6-2", "L", String.valueOf(1 + random.nextInt(7)));
				if (dom.equals("*") && !dow.equals("?")) {
					dom = "?";
				}
				if (dom.equals("?") && dow.equals("?")) {
					dow = "*";
				}
			}
			default -> {
				dom = pick(random, "L", "LW", "L-" + random.nextInt(31), "L-" + random.nextInt(10) + "W",
						(1 + random.nextInt(31)) + "W", String.valueOf(1 + random.nextInt(31)), "1-15/4", "28-3",
						(1 + random.nextInt(28)) + "/" + (1 + random.nextInt(10)), "*");
				dow = "?";
			}
		}
		String month = pick(random, "*", "*", "2", "1-6", "11-2", "*/3", String.valueOf(1 + random.nextInt(12)));
		String year = pick(random, "", "", "", " *", " 2026-2040", " 2030/3");
		if (dom.contains("W")) {
			// Quartz 2.5 loses times on W days (see QuartzDialectTests); compare one time a day there.
			return "0 0 12 " + dom + " " + month + " " + dow + year;
		}
		return pick(random, "0", "*/15", "10-50/20", "5") + " " + pick(random, "0", "*/7", "50-10", "15,45") + " "
				+ pick(random, "*", "12", "22-2", "*/5", "0-6") + " " + dom + " " + month + " " + dow + year;
	}

	private static String pick(Random random, String... options) {
		return options[random.nextInt(options.length)];
	}

}
