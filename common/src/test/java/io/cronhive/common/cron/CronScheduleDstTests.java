package io.cronhive.common.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.cronhive.common.cron.Fires.all;
import static io.cronhive.common.cron.Fires.at;
import static io.cronhive.common.cron.Fires.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fire times across DST changes in the job's zone. 2026: Berlin springs forward 29 March 02:00→03:00 and falls back
 * 25 October 03:00→02:00; New York 8 March 02:00→03:00 and 1 November 02:00→01:00; Sydney 4 October 02:00→03:00
 * and 5 April 03:00→02:00. Quartz itself never fires a skipped time and fires a repeated one on its second pass;
 * cron-utils 9.2.1 also never fires a skipped time; we follow cronie (see {@link CronSchedule}).
 */
class CronScheduleDstTests {

	@ParameterizedTest
	@CsvSource({ "0 30 2 * * ?, Europe/Berlin, 2026-03-28T12:00Z, 2026-03-29T03:00+02:00, 2026-03-30T02:30+02:00",
			"30 2 * * *, Europe/Berlin, 2026-03-28T12:00Z, 2026-03-29T03:00+02:00, 2026-03-30T02:30+02:00",
			"0 30 2 * * ?, America/New_York, 2026-03-07T12:00Z, 2026-03-08T03:00-04:00, 2026-03-09T02:30-04:00",
			"0 30 2 * * ?, Australia/Sydney, 2026-10-03T00:00Z, 2026-10-04T03:00+11:00, 2026-10-05T02:30+11:00" })
	void skippedLocalTimeFiresOnceWhenTheGapEnds(String cron, String zone, String after, String first,
			String second) {
		assertThat(next(cron, zone, after, 2)).isEqualTo(all(first, second));
	}

	@Test
	void severalSkippedSlotsCollapseIntoOneFire() {
		assertThat(next("0 */20 2 * * ?", "Europe/Berlin", "2026-03-28T12:00Z", 3))
			.isEqualTo(all("2026-03-29T03:00+02:00", "2026-03-30T02:00+02:00", "2026-03-30T02:20+02:00"));
	}

	@ParameterizedTest
	@CsvSource({ "0 30 2 * * ?, Europe/Berlin, 2026-10-24T12:00Z, 2026-10-25T02:30+02:00, 2026-10-26T02:30+01:00",
			"30 1 * * *, America/New_York, 2026-10-31T12:00Z, 2026-11-01T01:30-04:00, 2026-11-02T01:30-05:00",
			"0 30 2 * * ?, Australia/Sydney, 2026-04-04T00:00Z, 2026-04-05T02:30+11:00, 2026-04-06T02:30+10:00" })
	void repeatedLocalTimeFiresOnceOnItsFirstPass(String cron, String zone, String after, String first,
			String second) {
		assertThat(next(cron, zone, after, 2)).isEqualTo(all(first, second));
	}

	@Test
	void fixedHourScheduleDoesNotRepeatTheSecondPassOfItsHour() {
		assertThat(next("0 * 2 * * ?", "Europe/Berlin", "2026-10-25T02:58+02:00", 2))
			.isEqualTo(all("2026-10-25T02:59+02:00", "2026-10-26T02:00+01:00"));
	}

	@ParameterizedTest
	@CsvSource({ "0 * * * * ?, Europe/Berlin, 2026-10-24T23:30:00Z, 60", "* * * * *, Europe/Berlin, 2026-10-24T23:30:00Z, 60",
			"0 * * * * ?, America/New_York, 2026-11-01T04:30:00Z, 60", "* * * * * ?, America/New_York, 2026-11-01T05:59:30Z, 1",
			"* * * * * ?, Europe/Berlin, 2026-10-25T00:59:30Z, 1", "0 * * * * ?, Europe/Berlin, 2026-03-29T00:30:00Z, 60",
			"0 * * * * ?, America/New_York, 2026-03-08T06:30:00Z, 60", "0 */5 * * * ?, Australia/Sydney, 2026-04-04T15:00:00Z, 300" })
	void realTimeScheduleFiresOnEveryRealInstantThroughDstChanges(String cron, String zone, String from,
			long stepSeconds) {
		Instant start = Instant.parse(from);
		int count = (int) (3 * 3600 / stepSeconds);
		if (count > 200) {
			count = 200;
		}
		List<Instant> fires = CronSchedule.parse(cron, zone).nextAfter(start, count);
		assertThat(fires).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(fires.get(i)).isEqualTo(start.plus(Duration.ofSeconds(stepSeconds * (i + 1))));
		}
	}

	@Test
	void hourlyScheduleSkipsNothingRealAcrossTheGap() {
		assertThat(next("0 30 * * * ?", "Europe/Berlin", "2026-03-29T01:00+01:00", 3))
			.isEqualTo(all("2026-03-29T01:30+01:00", "2026-03-29T03:30+02:00", "2026-03-29T04:30+02:00"));
	}

	@Test
	void hourlyScheduleFiresInBothPassesOfTheRepeatedHour() {
		assertThat(next("30 * * * *", "America/New_York", "2026-11-01T00:00-04:00", 4)).isEqualTo(all(
				"2026-11-01T00:30-04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00", "2026-11-01T02:30-05:00"));
	}

	@Test
	void nextAfterIsStrictlyAfterAFireTime() {
		CronSchedule noon = CronSchedule.parse("0 0 12 * * ?", "Europe/Berlin");
		assertThat(noon.nextAfter(at("2026-06-01T12:00+02:00"))).contains(at("2026-06-02T12:00+02:00"));
		assertThat(noon.nextAfter(at("2026-06-01T11:59:59.999+02:00"))).contains(at("2026-06-01T12:00+02:00"));
		assertThat(noon.nextAfter(at("2026-06-01T12:00:00.000000001+02:00"))).contains(at("2026-06-02T12:00+02:00"));
	}

	@Test
	void nextAfterIsStrictlyAfterDstShiftedFireTimes() {
		CronSchedule skipped = CronSchedule.parse("0 30 2 * * ?", "Europe/Berlin");
		assertThat(skipped.nextAfter(at("2026-03-29T03:00+02:00"))).contains(at("2026-03-30T02:30+02:00"));
		CronSchedule halfHourly = CronSchedule.parse("0 */30 * * * ?", "Europe/Berlin");
		assertThat(halfHourly.nextAfter(at("2026-10-25T02:30+02:00"))).contains(at("2026-10-25T02:00+01:00"));
		assertThat(halfHourly.nextAfter(at("2026-10-25T02:30+01:00"))).contains(at("2026-10-25T03:00+01:00"));
	}

	@Test
	void extremeStartInstantsNeitherThrowNorLoop() {
		CronSchedule withYear = CronSchedule.parse("0 0 0 1 1 ? 1970-1980", "Europe/Berlin");
		assertThat(withYear.nextAfter(Instant.MIN)).contains(at("1970-01-01T00:00+01:00"));
		assertThat(withYear.nextAfter(Instant.MAX)).isEmpty();
		assertThat(CronSchedule.parse("* * * * *", "UTC").nextAfter(Instant.MAX)).isEmpty();
	}

	@Test
	void fixedOffsetZoneFiresAtItsOffset() {
		assertThat(next("0 0 9 * * ?", "+05:30", "2026-01-01T00:00Z", 1)).isEqualTo(all("2026-01-01T09:00+05:30"));
	}

}
