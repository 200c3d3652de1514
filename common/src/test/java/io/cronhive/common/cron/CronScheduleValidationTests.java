package io.cronhive.common.cron;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a user sees when an expression or zone is refused: the offending field and what is wrong. */
class CronScheduleValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0 61 * * * ?|minute 61 out of range 0-59",
			"60 * * * *|minute 60 out of range 0-59", "0 0 24 * * ?|hour 24 out of range 0-23",
			"0 0 0 32 * ?|day-of-month 32 out of range 1-31", "0 0 0 1 13 ?|month 13 out of range 1-12",
			"0 0 0 ? * 8|day-of-week 8 out of range 1-7", "0 0 * * 8|day-of-week 8 out of range 0-7",
			"0 0 0 * * ? 1969|year 1969 out of range 1970-2099", "*/0 * * * *|minute step 0 out of range 1-60",
			"0 0 12 ? * FUN|day-of-week 'FUN' is not a number", "0 0 12 ? * 6#6|ordinal #6 out of range #1-#5",
			"0 0 12 L-31 * ?|L-31 out of range L-0 to L-30", "0 0 12 32W * ?|32W out of range 1W-31W",
			"0 1,,2 * * * ?|minute '1,,2' has an empty list item",
			"* * *|has 3 fields; expected 5 (Unix: minute hour day month weekday) or 6-7 (Quartz: second first)",
			"0 0 0 30 2 ?|never fires", "@fortnightly|unknown cron macro '@fortnightly'" })
	void refusesInvalidExpressionsSayingWhatIsWrong(String expression, String message) {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse(expression, "UTC"))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("cron"));
	}

	@Test
	void messageQuotesTheExpressionAndDialect() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 61 * * * ?", "UTC"))
			.withMessage("invalid quartz cron expression '0 61 * * * ?': minute 61 out of range 0-59");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t" })
	void refusesMissingExpression(String expression) {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse(expression, "UTC"))
			.withMessage("cron expression is empty")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("cron"));
	}

	@Test
	void refusesUnknownTimeZoneNamingTheTimeZoneField() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> CronSchedule.parse("0 * * * *", "Mars/Olympus_Mons"))
			.withMessageContaining("unknown time zone 'Mars/Olympus_Mons'")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("timeZone"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  " })
	void missingTimeZoneMeansUtc(String zone) {
		assertThat(CronSchedule.parse("0 * * * *", zone).zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(CronSchedule.parse("0 * * * *", (ZoneId) null).zone()).isEqualTo(ZoneId.of("UTC"));
	}

	@Test
	void normalisesWhitespaceAndKeepsTheExpression() {
		CronSchedule schedule = CronSchedule.parse("  0  */5 *\t* * ?  ", " Europe/Berlin ");
		assertThat(schedule.expression()).isEqualTo("0 */5 * * * ?");
		assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(schedule.dialect()).isEqualTo(CronDialect.QUARTZ);
	}

	@Test
	void describesCommonExpressionsInEnglish() {
		assertThat(CronSchedule.parse("0 */5 * * * ?", "UTC").describe()).contains("5 minutes");
		assertThat(CronSchedule.parse("*/5 * * * *", "UTC").describe()).contains("5 minutes");
	}

	@Test
	void describesLAloneInDayOfWeekAsSaturdayWhereCronUtilsSaysLastSunday() {
		assertThat(CronSchedule.parse("0 0 12 ? * L", "UTC").describe()).contains("Saturday")
			.doesNotContain("Sunday");
	}

	@Test
	void describesRestrictedUnixDayFieldsAsEitherOr() {
		assertThat(CronSchedule.parse("0 12 13 * 5", "UTC").describe()).contains("13").contains(", or ")
			.contains("Friday");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 0 12 L-3W * ?", "0 0 12 * * *", "0 0 9 * * MON-FRI", "0 0 12 31W * ?",
			"0 0 12 ? * 6#3", "0 0 12 LW * ?", "0 0/7 22-2 * * ?", "0 0 12 1 JAN-MAR/2 ? 2027-2030", "@weekly",
			"0 12 */2 * 1", "0 12 13 * 5", "0 12 * * 7", "* * * * * ?", "0 0 12 ? * L" })
	void describeNeverThrowsAndSaysSomething(String expression) {
		assertThat(CronSchedule.parse(expression, "UTC").describe()).isNotBlank();
	}

	@Test
	void describeFallsBackToTheExpressionWhenCronUtilsCannotReadIt() {
		assertThat(CronSchedule.parse("0 0 12 L-3W * ?", "UTC").describe())
			.isEqualTo("at times matching quartz cron '0 0 12 L-3W * ?'");
	}

}
