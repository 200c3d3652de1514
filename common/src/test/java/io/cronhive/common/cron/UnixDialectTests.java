package io.cronhive.common.cron;

import org.junit.jupiter.api.Test;

import static io.cronhive.common.cron.Fires.all;
import static io.cronhive.common.cron.Fires.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** crontab(5) meaning of the 5-field form, with hand-checked dates (2026-01-01 is a Thursday). */
class UnixDialectTests {

	@Test
	void unixFormOrsDayOfMonthAndDayOfWeekWhenBothRestricted() {
		// The 13th or any Friday.
		assertThat(next("0 12 13 * 5", "UTC", "2026-01-01T00:00Z", 4)).isEqualTo(
				all("2026-01-02T12:00Z", "2026-01-09T12:00Z", "2026-01-13T12:00Z", "2026-01-16T12:00Z"));
	}

	@Test
	void unixFormAndsDayFieldsWhenDayOfMonthStartsWithStar() {
		// "*/2" starts with '*', so it is not "restricted" in crontab(5)'s sense: odd days that are Mondays.
		// cron-utils 9.2.1 ORs these and fires on every odd day too.
		assertThat(next("0 12 */2 * 1", "UTC", "2026-01-01T00:00Z", 4)).isEqualTo(
				all("2026-01-05T12:00Z", "2026-01-19T12:00Z", "2026-02-09T12:00Z", "2026-02-23T12:00Z"));
	}

	@Test
	void unixFormAndsDayFieldsWhenDayOfWeekStartsWithStar() {
		// Days 1-7 that are Sun, Tue, Thu or Sat.
		assertThat(next("0 12 1-7 * */2", "UTC", "2026-01-01T00:00Z", 5)).isEqualTo(all("2026-01-01T12:00Z",
				"2026-01-03T12:00Z", "2026-01-04T12:00Z", "2026-01-06T12:00Z", "2026-02-01T12:00Z"));
	}

	@Test
	void dayOfMonthAloneRestrictsWhenDayOfWeekIsStar() {
		assertThat(next("0 12 1 * *", "UTC", "2026-01-01T13:00Z", 2))
			.isEqualTo(all("2026-02-01T12:00Z", "2026-03-01T12:00Z"));
	}

	@Test
	void zeroAndSevenAreBothSunday() {
		assertThat(next("0 12 * * 0", "UTC", "2026-01-01T00:00Z", 2))
			.isEqualTo(all("2026-01-04T12:00Z", "2026-01-11T12:00Z"));
		assertThat(next("0 12 * * 7", "UTC", "2026-01-01T00:00Z", 2))
			.isEqualTo(all("2026-01-04T12:00Z", "2026-01-11T12:00Z"));
	}

	@Test
	void rangeEndingInSevenIncludesSunday() {
		assertThat(next("0 12 * * 5-7", "UTC", "2026-01-01T00:00Z", 4)).isEqualTo(
				all("2026-01-02T12:00Z", "2026-01-03T12:00Z", "2026-01-04T12:00Z", "2026-01-09T12:00Z"));
	}

	@Test
	void namesRangesListsAndStepsCombine() {
		assertThat(next("0,30 9-17/8 * jan-feb Mon-Fri", "UTC", "2026-01-01T00:00Z", 5)).isEqualTo(all(
				"2026-01-01T09:00Z", "2026-01-01T09:30Z", "2026-01-01T17:00Z", "2026-01-01T17:30Z",
				"2026-01-02T09:00Z"));
	}

	@Test
	void secondIsAlwaysZero() {
		assertThat(next("*/15 * * * *", "UTC", "2026-01-01T12:00:30Z", 2))
			.isEqualTo(all("2026-01-01T12:15:00Z", "2026-01-01T12:30:00Z"));
	}

	@Test
	void macrosExpandToTheirCrontabForm() {
		assertThat(next("@daily", "UTC", "2026-01-01T12:00Z", 1)).isEqualTo(all("2026-01-02T00:00Z"));
		assertThat(next("@hourly", "UTC", "2026-01-01T12:00Z", 1)).isEqualTo(all("2026-01-01T13:00Z"));
		assertThat(next("@weekly", "UTC", "2026-01-01T12:00Z", 1)).isEqualTo(all("2026-01-04T00:00Z"));
		assertThat(next("@MONTHLY", "UTC", "2026-01-01T12:00Z", 1)).isEqualTo(all("2026-02-01T00:00Z"));
		assertThat(next("@yearly", "UTC", "2026-01-01T12:00Z", 1)).isEqualTo(all("2027-01-01T00:00Z"));
		assertThat(CronSchedule.parse("@daily", "UTC").dialect()).isEqualTo(CronDialect.UNIX);
	}

	@Test
	void refusesReversedRangesWhichCrontabDoesNotWrap() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 22-2 * * *", "UTC"))
			.withMessageContaining("hour range 22-2 is reversed");
	}

	@Test
	void refusesQuartzOnlySyntax() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 12 L * *", "UTC"))
			.withMessageContaining("day-of-month 'L' is not a number")
			.withMessageContaining("Quartz");
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 12 ? * MON", "UTC"))
			.withMessageContaining("day-of-month '?' is not a number");
	}

}
