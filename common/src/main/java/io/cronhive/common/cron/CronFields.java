package io.cronhive.common.cron;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A parsed expression as bit masks, and the search for the next matching wall-clock time. Parsing happens once;
 * the search jumps field by field instead of stepping through seconds, so it stays cheap on the scheduler's hot
 * path. Zone-free: {@link CronSchedule} maps wall-clock times to instants.
 */
final class CronFields {

	static final int MIN_YEAR = 1970;

	/** Quartz's documented year range ends at 2099. */
	static final int MAX_YEAR = 2099;

	/**
	 * Without a year field every day pattern recurs within 28 years (weekday and leap cycles); 400 covers the
	 * Gregorian cycle, so "no match within the horizon" means "never".
	 */
	private static final int HORIZON_YEARS = 400;

	private final long seconds;

	private final long minutes;

	private final long hours;

	private final int months;

	private final DayRule days;

	/** Null: any year. */
	private final BitSet years;

	private CronFields(long seconds, long minutes, long hours, DayRule days, int months, BitSet years) {
		this.seconds = seconds;
		this.minutes = minutes;
		this.hours = hours;
		this.days = days;
		this.months = months;
		this.years = years;
	}

	static CronFields quartz(String[] f) {
		long seconds = mask(f[0], new FieldParser.Spec("second", 0, 59, true));
		long minutes = mask(f[1], new FieldParser.Spec("minute", 0, 59, true));
		long hours = mask(f[2], new FieldParser.Spec("hour", 0, 23, true));
		int months = (int) mask(f[4], new FieldParser.Spec("month", 1, 12, FieldParser.MONTH_NAMES, 1, true));
		DayRule days = DayRule.quartz(f[3], f[5]);
		BitSet years = null;
		if (f.length == 7 && !f[6].equals("*")) {
			years = FieldParser.parse(f[6], new FieldParser.Spec("year", MIN_YEAR, MAX_YEAR, false));
		}
		return new CronFields(seconds, minutes, hours, days, months, years);
	}

	static CronFields unix(String[] f) {
		long minutes = mask(f[0], new FieldParser.Spec("minute", 0, 59, false));
		long hours = mask(f[1], new FieldParser.Spec("hour", 0, 23, false));
		int months = (int) mask(f[3], new FieldParser.Spec("month", 1, 12, FieldParser.MONTH_NAMES, 1, false));
		DayRule days = DayRule.unix(f[2], f[4]);
		return new CronFields(1L, minutes, hours, days, months, null);
	}

	private static long mask(String text, FieldParser.Spec spec) {
		long[] words = FieldParser.parse(text, spec).toLongArray();
		return (words.length == 0) ? 0 : words[0];
	}

	/** True when every hour of the day can fire: such schedules follow real time through DST changes. */
	boolean everyHour() {
		return this.hours == (1L << 24) - 1;
	}

	/** The first whole-second wall-clock time strictly after {@code after} that matches, or null if none. */
	LocalDateTime nextAfter(LocalDateTime after) {
		LocalDateTime start = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		int year = start.getYear();
		int month = start.getMonthValue();
		int day = start.getDayOfMonth();
		int hour = start.getHour();
		int minute = start.getMinute();
		int second = start.getSecond();
		int lastYear = (this.years != null) ? MAX_YEAR : Math.min(year + HORIZON_YEARS, 9999);
		while (year <= lastYear) {
			if (this.years != null && !this.years.get(year)) {
				year = this.years.nextSetBit(year);
				if (year < 0) {
					return null;
				}
				month = 1;
				day = 1;
				hour = minute = second = 0;
				continue;
			}
			if ((this.months & (1 << month)) == 0) {
				int next = next(this.months, month);
				if (next < 0 || next > 12) {
					year++;
					month = 1;
				}
				else {
					month = next;
				}
				day = 1;
				hour = minute = second = 0;
				continue;
			}
			int length = YearMonth.of(year, month).lengthOfMonth();
			if (day > length) {
				month++;
				if (month > 12) {
					year++;
					month = 1;
				}
				day = 1;
				hour = minute = second = 0;
				continue;
			}
			if (this.days.matches(year, month, day, length)) {
				int time = nextTime(hour, minute, second);
				if (time >= 0) {
					return LocalDateTime.of(year, month, day, time / 3600, time / 60 % 60, time % 60);
				}
			}
			day++;
			hour = minute = second = 0;
		}
		return null;
	}

	/** Seconds of day of the first matching time at or after h:m:s on a matching day, or -1. */
	private int nextTime(int hour, int minute, int second) {
		int h = hour;
		int m = minute;
		int s = second;
		while (true) {
			int nh = next(this.hours, h);
			if (nh < 0 || nh > 23) {
				return -1;
			}
			if (nh != h) {
				h = nh;
				m = 0;
				s = 0;
			}
			int nm = next(this.minutes, m);
			if (nm < 0 || nm > 59) {
				h++;
				m = 0;
				s = 0;
				continue;
			}
			if (nm != m) {
				m = nm;
				s = 0;
			}
			int ns = next(this.seconds, s);
			if (ns < 0 || ns > 59) {
				m++;
				s = 0;
				if (m > 59) {
					h++;
					m = 0;
				}
				continue;
			}
			return h * 3600 + m * 60 + ns;
		}
	}

	/** The lowest set bit at or above {@code from}, or -1. */
	private static int next(long mask, int from) {
		if (from > 63) {
			return -1;
		}
		long rest = mask & (-1L << from);
		return (rest == 0) ? -1 : Long.numberOfTrailingZeros(rest);
	}

}
