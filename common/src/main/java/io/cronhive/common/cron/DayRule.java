package io.cronhive.common.cron;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which calendar days fire: day-of-month and day-of-week together, with Quartz's {@code L}, {@code W},
 * {@code #} and crontab(5)'s rule that two restricted day fields are OR-ed. Immutable.
 */
final class DayRule {

	private static final Pattern LAST_DAY = Pattern.compile("L(?:-(\\d{1,2}))?(W?)");

	private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");

	private static final Pattern LAST_OF_WEEKDAY = Pattern.compile("([0-9A-Z]{1,3})L");

	private static final Pattern NTH_WEEKDAY = Pattern.compile("([0-9A-Z]{1,3})#(\\d+)");

	private static final int NONE = -1;

	private static final long ALL_DAYS_OF_MONTH = 0xFFFFFFFEL;

	private static final int ALL_DAYS_OF_WEEK = 0x7F;

	/** Bits 1-31; all set when day-of-month does not restrict. */
	private final long daysOfMonth;

	/** Bits 0-6, Sunday = 0; all set when day-of-week does not restrict. */
	private final int daysOfWeek;

	/** {@code L-n}: fire on the last day minus this offset; {@link #NONE} when unused. */
	private final int lastDayOffset;

	/** {@code nW}: the day whose nearest weekday fires; {@link #NONE} when unused. */
	private final int nearestWeekdayTo;

	/** {@code W} after {@code L}/{@code L-n}: move that day to the nearest weekday in the month. */
	private final boolean lastDayToWeekday;

	/** {@code nL} (last n-day) or {@code n#k}: the weekday, Sunday = 0; {@link #NONE} when unused. */
	private final int weekday;

	/** {@code n#k}: k (1-5); {@code 0} means "last" ({@code nL}). */
	private final int weekdayOrdinal;

	/** crontab(5): both day fields restricted, so a day matches if either matches. */
	private final boolean either;

	private final boolean everyDay;

	private DayRule(long daysOfMonth, int daysOfWeek, int lastDayOffset, int nearestWeekdayTo,
			boolean lastDayToWeekday, int weekday, int weekdayOrdinal, boolean either) {
		this.daysOfMonth = daysOfMonth;
		this.daysOfWeek = daysOfWeek;
		this.lastDayOffset = lastDayOffset;
		this.nearestWeekdayTo = nearestWeekdayTo;
		this.lastDayToWeekday = lastDayToWeekday;
		this.weekday = weekday;
		this.weekdayOrdinal = weekdayOrdinal;
		this.either = either;
		this.everyDay = daysOfMonth == ALL_DAYS_OF_MONTH && daysOfWeek == ALL_DAYS_OF_WEEK && lastDayOffset == NONE
				&& nearestWeekdayTo == NONE && weekday == NONE;
	}

	/**
	 * Quartz: one of the two fields must not restrict. {@code ?} says so; we also read {@code *} that way (Quartz
	 * refuses {@code *} in both, Spring's cron accepts it), but two restricted fields are refused because Quartz
	 * has no meaning for them.
	 */
	static DayRule quartz(String dayOfMonth, String dow) {
		String dom = dayOfMonth.toUpperCase(Locale.ROOT);
		boolean domFree = dom.equals("?") || dom.equals("*");
		boolean dowFree = dow.equals("?") || dow.equals("*");
		if (dom.equals("?") && dow.equals("?")) {
			throw FieldParser.fail("day-of-month and day-of-week cannot both be '?'; use '*' in one of them");
		}
		if (!domFree && !dowFree) {
			throw FieldParser.fail("Quartz cron cannot restrict both day-of-month ('" + dom + "') and day-of-week ('"
					+ dow + "'); put '?' in one of them, or use 5-field Unix cron where they are OR-ed");
		}
		long domBits = ALL_DAYS_OF_MONTH;
		int lastOffset = NONE;
		int nearest = NONE;
		boolean lastToWeekday = false;
		if (!domFree) {
			Matcher last = LAST_DAY.matcher(dom);
			Matcher near = NEAREST_WEEKDAY.matcher(dom);
			if (last.matches()) {
				lastOffset = (last.group(1) != null) ? Integer.parseInt(last.group(1)) : 0;
				if (lastOffset > 30) {
					throw FieldParser.fail("day-of-month offset L-" + lastOffset + " out of range L-0 to L-30");
				}
				lastToWeekday = !last.group(2).isEmpty();
				domBits = 0;
			}
			else if (near.matches()) {
				nearest = Integer.parseInt(near.group(1));
				if (nearest < 1 || nearest > 31) {
					throw FieldParser.fail("day-of-month " + nearest + "W out of range 1W-31W");
				}
				domBits = 0;
			}
			else {
				domBits = bits(FieldParser.parse(dom, new FieldParser.Spec("day-of-month", 1, 31, true)));
			}
		}
		int dowBits = ALL_DAYS_OF_WEEK;
		int day = NONE;
		int ordinal = 0;
		if (!dowFree) {
			String upper = dow.toUpperCase(Locale.ROOT);
			Matcher last = LAST_OF_WEEKDAY.matcher(upper);
			Matcher nth = NTH_WEEKDAY.matcher(upper);
			if (upper.equals("L")) {
				dowBits = 1 << 6;
			}
			else if (last.matches()) {
				day = quartzWeekday(last.group(1));
				dowBits = 0;
			}
			else if (nth.matches()) {
				day = quartzWeekday(nth.group(1));
				ordinal = FieldParser.number(nth.group(2), "day-of-week ordinal");
				if (ordinal < 1 || ordinal > 5) {
					throw FieldParser.fail("day-of-week ordinal #" + ordinal + " out of range #1-#5");
				}
				dowBits = 0;
			}
			else {
				BitSet set = FieldParser.parse(dow, quartzWeekdays());
				dowBits = (int) (bits(set) >>> 1);
			}
		}
		return new DayRule(domBits, dowBits, lastOffset, nearest, lastToWeekday, day, ordinal, false);
	}

	/** crontab(5): 0 and 7 are Sunday; "restricted" means the field does not start with {@code *}. */
	static DayRule unix(String dom, String dow) {
		long domBits = bits(FieldParser.parse(dom, new FieldParser.Spec("day-of-month", 1, 31, false)));
		long dowSet = bits(FieldParser.parse(dow,
				new FieldParser.Spec("day-of-week", 0, 7, FieldParser.DAY_NAMES, 0, false)));
		int dowBits = (int) ((dowSet & 0x7F) | (dowSet >>> 7));
		boolean either = !dom.startsWith("*") && !dow.startsWith("*");
		return new DayRule(domBits, dowBits, NONE, NONE, false, NONE, 0, either);
	}

	private static FieldParser.Spec quartzWeekdays() {
		return new FieldParser.Spec("day-of-week", 1, 7, FieldParser.DAY_NAMES, 1, true);
	}

	/** Quartz numbers weekdays 1 = SUN to 7 = SAT; returns Sunday = 0. */
	private static int quartzWeekday(String token) {
		if (token.contains("-") || token.contains("/")) {
			throw FieldParser.fail("day-of-week '" + token + "' must be a single weekday before L or #");
		}
		return Long.numberOfTrailingZeros(bits(FieldParser.parse(token, quartzWeekdays()))) - 1;
	}

	private static long bits(BitSet set) {
		long[] words = set.toLongArray();
		return (words.length == 0) ? 0 : words[0];
	}

	boolean isEveryDay() {
		return this.everyDay;
	}

	boolean matches(int year, int month, int day, int monthLength) {
		if (this.everyDay) {
			return true;
		}
		boolean dom = matchesDayOfMonth(year, month, day, monthLength);
		if (this.either && dom) {
			return true;
		}
		if (!this.either && !dom) {
			return false;
		}
		return matchesDayOfWeek(year, month, day, monthLength);
	}

	private boolean matchesDayOfMonth(int year, int month, int day, int monthLength) {
		if (this.lastDayOffset != NONE) {
			int target = monthLength - this.lastDayOffset;
			if (target < 1) {
				return false;
			}
			return day == (this.lastDayToWeekday ? nearestWeekday(year, month, target, monthLength) : target);
		}
		if (this.nearestWeekdayTo != NONE) {
			return this.nearestWeekdayTo <= monthLength
					&& day == nearestWeekday(year, month, this.nearestWeekdayTo, monthLength);
		}
		return (this.daysOfMonth & (1L << day)) != 0;
	}

	private boolean matchesDayOfWeek(int year, int month, int day, int monthLength) {
		int dow = LocalDate.of(year, month, day).getDayOfWeek().getValue() % 7;
		if (this.weekday != NONE) {
			if (dow != this.weekday) {
				return false;
			}
			return (this.weekdayOrdinal == 0) ? day + 7 > monthLength : (day - 1) / 7 + 1 == this.weekdayOrdinal;
		}
		return (this.daysOfWeek & (1 << dow)) != 0;
	}

	/** Quartz's W: Saturday moves to Friday and Sunday to Monday, never across the month's first or last day. */
	private static int nearestWeekday(int year, int month, int target, int monthLength) {
		DayOfWeek dow = LocalDate.of(year, month, target).getDayOfWeek();
		if (dow == DayOfWeek.SATURDAY) {
			return (target == 1) ? 3 : target - 1;
		}
		if (dow == DayOfWeek.SUNDAY) {
			return (target == monthLength) ? target - 2 : target + 1;
		}
		return target;
	}

}
