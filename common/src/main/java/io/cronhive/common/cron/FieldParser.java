package io.cronhive.common.cron;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads one plain cron field (lists, ranges, {@code *}, {@code /} steps, names) into the set of values it allows.
 * Special day syntax ({@code L}, {@code W}, {@code #}, {@code ?}) is handled by {@link DayRule}.
 */
final class FieldParser {

	static final List<String> MONTH_NAMES = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
			"OCT", "NOV", "DEC");

	static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

	/**
	 * How one field is read. {@code wraps}: Quartz reads a reversed range such as {@code 22-2} across the end
	 * (22,23,0,1,2); crontab(5) has no such ranges, so the Unix dialect rejects them.
	 */
	record Spec(String label, int min, int max, List<String> names, int nameBase, boolean wraps) {

		Spec(String label, int min, int max, boolean wraps) {
			this(label, min, max, List.of(), 0, wraps);
		}

	}

	private FieldParser() {
	}

	static BitSet parse(String text, Spec spec) {
		BitSet bits = new BitSet();
		for (String term : text.split(",", -1)) {
			parseTerm(term, text, spec, bits);
		}
		return bits;
	}

	private static void parseTerm(String term, String text, Spec spec, BitSet bits) {
		if (term.isEmpty()) {
			throw fail(spec.label() + " '" + text + "' has an empty list item");
		}
		String range = term;
		int step = 1;
		int slash = term.indexOf('/');
		if (slash >= 0) {
			range = term.substring(0, slash);
			step = number(term.substring(slash + 1), spec.label() + " step");
			int span = spec.max() - spec.min() + 1;
			if (step < 1 || step > span) {
				throw fail(spec.label() + " step " + step + " out of range 1-" + span);
			}
		}
		int low;
		int high;
		int dash = range.indexOf('-', 1);
		if (range.equals("*")) {
			low = spec.min();
			high = spec.max();
		}
		else if (dash > 0) {
			low = value(range.substring(0, dash), spec);
			high = value(range.substring(dash + 1), spec);
		}
		else {
			low = value(range, spec);
			high = (slash >= 0) ? spec.max() : low;
		}
		int size = spec.max() - spec.min() + 1;
		if (low > high) {
			if (!spec.wraps()) {
				throw fail(spec.label() + " range " + low + "-" + high + " is reversed; crontab ranges run low-high");
			}
			high += size;
		}
		for (int i = low; i <= high; i += step) {
			bits.set(spec.min() + (i - spec.min()) % size);
		}
	}

	private static int value(String token, Spec spec) {
		if (token.isEmpty()) {
			throw fail(spec.label() + " has an empty value");
		}
		int index = spec.names().indexOf(token.toUpperCase(Locale.ROOT));
		int value = (index >= 0) ? index + spec.nameBase() : number(token, spec.label());
		if (value < spec.min() || value > spec.max()) {
			throw fail(spec.label() + " " + value + " out of range " + spec.min() + "-" + spec.max());
		}
		return value;
	}

	static int number(String token, String label) {
		if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
			throw fail(label + " '" + token + "' is not a number" + hint(token));
		}
		return Integer.parseInt(token);
	}

	private static String hint(String token) {
		String upper = token.toUpperCase(Locale.ROOT);
		if (upper.contains("L") || upper.contains("W") || upper.contains("#") || upper.contains("?")) {
			return " (L, W, # and ? are allowed only in day-of-month or day-of-week of a Quartz expression, alone)";
		}
		return "";
	}

	static InvalidCronException fail(String message) {
		return new InvalidCronException("cron", message);
	}

}
