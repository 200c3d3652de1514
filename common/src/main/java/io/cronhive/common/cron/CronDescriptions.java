package io.cronhive.common.cron;

import java.util.Locale;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * English descriptions through cron-utils' {@link CronDescriptor}. cron-utils parses less than we accept (it
 * refuses {@code L-3W}, {@code *} in both Quartz day fields), so anything it cannot describe gets a plain fallback
 * rather than an exception.
 */
final class CronDescriptions {

	private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

	private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

	private CronDescriptions() {
	}

	static String describe(CronDialect dialect, String[] parts, String expression) {
		try {
			String text = (dialect == CronDialect.UNIX) ? String.join(" ", parts) : quartzForCronUtils(parts);
			String description = CronDescriptor.instance(Locale.ENGLISH)
				.describe(((dialect == CronDialect.UNIX) ? UNIX : QUARTZ).parse(text))
				.trim();
			if (!description.isEmpty()) {
				return description;
			}
		}
		catch (RuntimeException ex) {
			// cron-utils cannot read every expression we accept; the fallback below still says when it fires.
		}
		return "at times matching " + dialect.name().toLowerCase(Locale.ROOT) + " cron '" + expression + "'";
	}

	/** cron-utils insists on {@code ?} in one Quartz day field; we read {@code *} there the same way. */
	private static String quartzForCronUtils(String[] parts) {
		String[] copy = parts.clone();
		if (copy[5].equals("*")) {
			copy[5] = "?";
		}
		else if (copy[3].equals("*")) {
			copy[3] = "?";
		}
		return String.join(" ", copy);
	}

}
