package io.cronhive.common.cron;

import org.junit.jupiter.api.Test;

import static io.cronhive.common.cron.Fires.all;
import static io.cronhive.common.cron.Fires.at;
import static io.cronhive.common.cron.Fires.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Each piece of Quartz syntax, with hand-checked dates (2026 in UTC). */
class QuartzDialectTests {

	@Test
	void sixHashThreeIsTheThirdFriday() {
		assertThat(next("0 0 12 ? * 6#3", "UTC", "2026-01-01T00:00Z", 3))
			.isEqualTo(all("2026-01-16T12:00Z", "2026-02-20T12:00Z", "2026-03-20T12:00Z"));
	}

	@Test
	void hashFiveSkipsMonthsWithoutAFifthWeekday() {
		assertThat(next("0 15 10 ? * FRI#5", "UTC", "2026-01-01T00:00Z", 3))
			.isEqualTo(all("2026-01-30T10:15Z", "2026-05-29T10:15Z", "2026-07-31T10:15Z"));
	}

	@Test
	void dayOfWeekOneIsSundayAndSevenIsSaturday() {
		assertThat(next("0 0 12 ? * 1", "UTC", "2026-01-01T00:00Z", 1)).isEqualTo(all("2026-01-04T12:00Z"));
		assertThat(next("0 0 12 ? * 7", "UTC", "2026-01-01T00:00Z", 1)).isEqualTo(all("2026-01-03T12:00Z"));
	}

	@Test
	void lastDayOfMonthFollowsMonthLengthAndLeapYears() {
		assertThat(next("0 0 12 L * ?", "UTC", "2028-01-31T13:00Z", 3))
			.isEqualTo(all("2028-02-29T12:00Z", "2028-03-31T12:00Z", "2028-04-30T12:00Z"));
	}

	@Test
	void lMinusThreeIsThreeDaysBeforeTheLastDay() {
		assertThat(next("0 0 12 L-3 * ?", "UTC", "2026-01-01T00:00Z", 3))
			.isEqualTo(all("2026-01-28T12:00Z", "2026-02-25T12:00Z", "2026-03-28T12:00Z"));
	}

	@Test
	void lastWeekdayStepsBackFromAWeekendMonthEnd() {
		// 2026-01-31 is a Saturday, 2026-05-31 a Sunday.
		assertThat(next("0 0 12 LW * ?", "UTC", "2026-01-01T00:00Z", 1)).isEqualTo(all("2026-01-30T12:00Z"));
		assertThat(next("0 0 12 LW * ?", "UTC", "2026-05-01T00:00Z", 1)).isEqualTo(all("2026-05-29T12:00Z"));
	}

	@Test
	void nearestWeekdayMovesSaturdayToFridayAndSundayToMonday() {
		// 2026-08-15 is a Saturday, 2026-02-15 a Sunday.
		assertThat(next("0 0 12 15W * ?", "UTC", "2026-08-01T00:00Z", 1)).isEqualTo(all("2026-08-14T12:00Z"));
		assertThat(next("0 0 12 15W * ?", "UTC", "2026-02-01T00:00Z", 1)).isEqualTo(all("2026-02-16T12:00Z"));
	}

	@Test
	void nearestWeekdayToTheFirstDoesNotCrossIntoThePreviousMonth() {
		// 2026-08-01 is a Saturday: Monday the 3rd, not Friday 31 July.
		assertThat(next("0 0 12 1W * ?", "UTC", "2026-07-02T00:00Z", 1)).isEqualTo(all("2026-08-03T12:00Z"));
	}

	@Test
	void nearestWeekdayToTheLastDayDoesNotCrossIntoTheNextMonthAndSkipsShortMonths() {
		// 2026-05-31 is a Sunday: Friday the 29th; April has no 31st, so it does not fire.
		assertThat(next("0 0 12 31W * ?", "UTC", "2026-04-01T00:00Z", 2))
			.isEqualTo(all("2026-05-29T12:00Z", "2026-07-31T12:00Z"));
	}

	@Test
	void nearestWeekdayFiresAtEveryMatchingTimeOfThatDay() {
		// Quartz 2.5.2 skips 00:00 on a W day and, when W moves the day, fires only its first time; W chooses a
		// day, not a time, so we do not copy that.
		assertThat(next("0 0 * 15W * ?", "UTC", "2026-01-14T23:30Z", 2))
			.isEqualTo(all("2026-01-15T00:00Z", "2026-01-15T01:00Z"));
		assertThat(next("*/30 0 0 L-7W 2 ?", "UTC", "2027-01-01T00:00Z", 2))
			.isEqualTo(all("2027-02-22T00:00:00Z", "2027-02-22T00:00:30Z"));
	}

	@Test
	void lastDayMinusOffsetThenNearestWeekdayCombine() {
		// L-3W: March 2026 ends on the 31st, the 28th is a Saturday, so Friday the 27th.
		assertThat(next("0 0 12 L-3W * ?", "UTC", "2026-03-01T00:00Z", 1)).isEqualTo(all("2026-03-27T12:00Z"));
	}

	@Test
	void sixLIsTheLastFridayAndLAloneIsSaturday() {
		assertThat(next("0 0 12 ? * 6L", "UTC", "2026-01-01T00:00Z", 2))
			.isEqualTo(all("2026-01-30T12:00Z", "2026-02-27T12:00Z"));
		assertThat(next("0 0 12 ? * L", "UTC", "2026-01-01T00:00Z", 1)).isEqualTo(all("2026-01-03T12:00Z"));
	}

	@Test
	void yearFieldLimitsFireTimesAndThenStops() {
		assertThat(next("0 0 12 1 1 ? 2027", "UTC", "2026-01-01T00:00Z", 5)).isEqualTo(all("2027-01-01T12:00Z"));
		assertThat(CronSchedule.parse("0 0 12 1 1 ? 2020", "UTC").nextAfter(at("2026-01-01T00:00Z"))).isEmpty();
	}

	@Test
	void slashStepsStartFromTheGivenValue() {
		assertThat(next("5/20 * * * * ?", "UTC", "2026-01-01T00:00Z", 4)).isEqualTo(
				all("2026-01-01T00:00:05Z", "2026-01-01T00:00:25Z", "2026-01-01T00:00:45Z", "2026-01-01T00:01:05Z"));
	}

	@Test
	void namesAreCaseInsensitive() {
		assertThat(next("0 30 9 ? jan,Jul mon", "UTC", "2026-01-06T00:00Z", 2))
			.isEqualTo(all("2026-01-12T09:30Z", "2026-01-19T09:30Z"));
	}

	@Test
	void reversedRangeWrapsAroundMidnightLikeQuartz() {
		assertThat(next("0 0 22-1 * * ?", "UTC", "2026-01-01T03:00Z", 4)).isEqualTo(
				all("2026-01-01T22:00Z", "2026-01-01T23:00Z", "2026-01-02T00:00Z", "2026-01-02T01:00Z"));
	}

	@Test
	void namedRangeHonoursItsStepWhereQuartzIgnoresIt() {
		// Quartz 2.5 silently drops "/2" after a named range; we read it as every other month.
		assertThat(next("0 0 12 1 JAN-MAR/2 ?", "UTC", "2026-01-01T13:00Z", 2))
			.isEqualTo(all("2026-03-01T12:00Z", "2027-01-01T12:00Z"));
	}

	@Test
	void starInBothDayFieldsMeansEveryDay() {
		assertThat(next("0 0 12 * * *", "UTC", "2026-01-01T13:00Z", 2))
			.isEqualTo(all("2026-01-02T12:00Z", "2026-01-03T12:00Z"));
	}

	@Test
	void starInDayOfMonthLetsDayOfWeekAloneRestrict() {
		// 2026-01-01 is a Thursday.
		assertThat(next("0 0 9 * * MON-FRI", "UTC", "2026-01-01T00:00Z", 3))
			.isEqualTo(all("2026-01-01T09:00Z", "2026-01-02T09:00Z", "2026-01-05T09:00Z"));
	}

	@Test
	void refusesRestrictingBothDayFields() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 0 12 15 * MON", "UTC"))
			.withMessageContaining("cannot restrict both day-of-month ('15') and day-of-week ('MON')")
			.withMessageContaining("put '?' in one of them")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("cron"));
	}

	@Test
	void refusesQuestionMarkInBothDayFields() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 0 12 ? * ?", "UTC"))
			.withMessageContaining("cannot both be '?'");
	}

	@Test
	void sixAndSevenFieldsAreQuartz() {
		assertThat(CronSchedule.parse("0 0 12 * * ?", "UTC").dialect()).isEqualTo(CronDialect.QUARTZ);
		assertThat(CronSchedule.parse("0 0 12 * * ? *", "UTC").dialect()).isEqualTo(CronDialect.QUARTZ);
	}

}
