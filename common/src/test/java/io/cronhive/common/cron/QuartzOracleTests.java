package io.cronhive.common.cron;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quartz dialect means what Quartz's own {@link CronExpression} means: the next fire times of each expression
 * agree with Quartz 2.5 from several starting points. UTC only; DST is where we deliberately differ (see
 * {@link CronScheduleDstTests}).
 */
class QuartzOracleTests {

	private static final List<Instant> STARTS = List.of(Instant.parse("2026-01-01T00:00:00Z"),
			Instant.parse("2024-02-28T23:59:59.500Z"), Instant.parse("2027-06-15T12:00:00Z"),
			Instant.parse("2030-12-31T23:59:59Z"));

	private static final Instant QUARTZ_HORIZON = Instant.parse("2100-01-01T00:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "0 0 12 ? * 6#3", "0 15 10 ? * 6#5", "0 0 12 ? * 2#1", "0 0 12 LW * ?",
			"0 0 12 L-3 * ?", "0 0 12 L * ?", "0 0 12 L-30 * ?", "0 0 12 L-3W * ?", "0 0 12 15W * ?", "0 0 12 1W * ?",
			"0 0 12 31W * ?", "0 0 12 30W * ?", "0 0 12 ? * 6L", "0 0 12 ? * 1L", "0 0 12 ? * L", "0 0 12 ? * MON-FRI",
			"0 0 12 ? * 1", "0 0 12 ? * SUN,SAT", "0 0 12 * * ?", "0 0 12 ? * *", "0 0/7 22-2 * * ?",
			"5/20 * * * * ?", "*/15 */10 * ? * WED", "0 0 12 1 * ? 2027", "0 0 12 ? * 2-6/2", "0 0 12 ? * FRI-MON",
			"0 0 12 28-3 * ?", "0 0 0 29 2 ?", "0 30 9 ? JAN,JUL MON", "0 0 8-18/3 ? NOV-FEB 2-6",
			"0 0 12 1/5 * ?", "0 0 12 ? * 2/3", "0 0 0 1 1 ? 2028-2040/4", "59 59 23 31 12 ?", "0 0 12 ? 2 6#5",
			"1,2,3 4-6 7 8,9 10 ?", "0 0 12 ? * sun#2", "0 0 12 lw * ?" })
	void nextFireTimesAgreeWithQuartz(String expression) throws ParseException {
		CronExpression quartz = new CronExpression(expression);
		quartz.setTimeZone(TimeZone.getTimeZone("UTC"));
		CronSchedule schedule = CronSchedule.parse(expression, "UTC");
		for (Instant start : STARTS) {
			// Quartz stops looking 100 years ahead; compare within its horizon.
			List<Instant> ours = schedule.nextAfter(start, 12).stream().filter(QUARTZ_HORIZON::isAfter).toList();
			List<Instant> theirs = quartzNext(quartz, start, 12).stream().filter(QUARTZ_HORIZON::isAfter).toList();
			assertThat(ours).as("%s after %s", expression, start).isEqualTo(theirs);
		}
	}

	private static List<Instant> quartzNext(CronExpression quartz, Instant start, int count) {
		List<Instant> result = new ArrayList<>();
		Date cursor = Date.from(start);
		while (result.size() < count) {
			cursor = quartz.getNextValidTimeAfter(cursor);
			if (cursor == null) {
				break;
			}
			result.add(cursor.toInstant());
		}
		return result;
	}

}
