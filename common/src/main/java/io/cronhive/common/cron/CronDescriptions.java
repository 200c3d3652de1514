package io.cronhive.common.cron;

import java.util.Locale;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * English descriptions through cron-utils' {@link CronDescriptor}. cron-utils parses less than we accept (it
 * refuses {@code L-3W} and {@code *} in both Quartz day fields) and misreads some of it ({@code L} alone in
 * day-of-week, crontab's OR of the day fields), so the input is adjusted first, and anything it still cannot
 * describe gets a plain fallback rather than an exception.
 */
final class CronDescriptions {

	private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

	private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

	private CronDescriptions() {
	}

	static String describe(CronDialect dialect, String[] parts, String expression) {
		try {
			String description = (dialect == CronDialect.UNIX) ? unix(parts) : quartz(parts);
			if (!description.isBlank()) {
				return description;
			}
		}
		catch (RuntimeException ex) {
			// cron-utils cannot read every expression we accept; the fallback below still says when it fires.
		}
		return "at times matching " + dialect.name().toLowerCase(Locale.ROOT) + " cron '" + expression + "'";
	}

	/** crontab(5) ORs two restricted day fields; cron-utils' text reads as AND, so describe each half. */
	private static String unix(String[] parts) {
		if (!parts[2].startsWith("*") && !parts[4].startsWith("*")) {
			String[] byDayOfMonth = parts.clone();
			byDayOfMonth[4] = "*";
			String[] byDayOfWeek = parts.clone();
			byDayOfWeek[2] = "*";
			return text(UNIX, byDayOfMonth) + ", or " + text(UNIX, byDayOfWeek);
		}
		return text(UNIX, parts);
	}

	/**
	 * cron-utils insists on {@code ?} in one Quartz day field (we read {@code *} there the same way) and describes
	 * {@code L} alone in day-of-week as "last Sunday" where Quartz means Saturday (7).
	 */
	private static String quartz(String[] parts) {
		String[] copy = parts.clone();
		if (copy[5].equals("*") && !copy[3].equals("?")) {
			copy[5] = "?";
		}
		else if (copy[3].equals("*") && !copy[5].equals("?")) {
			copy[3] = "?";
		}
		if (copy[5].equalsIgnoreCase("L")) {
			copy[5] = "7";
		}
		return text(QUARTZ, copy);
	}

	private static String text(CronParser parser, String[] parts) {
		return CronDescriptor.instance(Locale.ENGLISH).describe(parser.parse(String.join(" ", parts))).trim();
	}

}
