package io.cronhive.common.cron;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A parsed cron expression in a time zone: the single place that turns cron text into fire instants.
 * Immutable and thread-safe. Six or seven fields are read as Quartz, five as crontab(5).
 */
public final class CronSchedule {

	private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

	private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

	private final String expression;

	private final ZoneId zone;

	private final CronDialect dialect;

	private final Cron cron;

	private final ExecutionTime executionTime;

	private CronSchedule(String expression, ZoneId zone, CronDialect dialect, Cron cron) {
		this.expression = expression;
		this.zone = zone;
		this.dialect = dialect;
		this.cron = cron;
		this.executionTime = ExecutionTime.forCron(cron);
	}

	/**
	 * Parses an expression in a zone given by id; a null or blank zone means UTC.
	 * @throws InvalidCronException naming {@code cron} or {@code timeZone}
	 */
	public static CronSchedule parse(String expression, String timeZone) {
		return parse(expression, zoneOf(timeZone));
	}

	/** Parses an expression in a zone. @throws InvalidCronException naming {@code cron} */
	public static CronSchedule parse(String expression, ZoneId zone) {
		if (expression == null || expression.isBlank()) {
			throw new InvalidCronException("cron", "cron expression is empty");
		}
		String trimmed = expression.trim().replaceAll("\\s+", " ");
		int fields = trimmed.split(" ").length;
		CronDialect dialect = switch (fields) {
			case 5 -> CronDialect.UNIX;
			case 6, 7 -> CronDialect.QUARTZ;
			default -> throw new InvalidCronException("cron", "cron expression '" + trimmed + "' has " + fields
					+ " fields; expected 5 (Unix: minute hour day month weekday) or 6-7 (Quartz: second first)");
		};
		try {
			Cron cron = ((dialect == CronDialect.UNIX) ? UNIX : QUARTZ).parse(trimmed).validate();
			return new CronSchedule(trimmed, zone, dialect, cron);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCronException("cron", "invalid " + dialect.name().toLowerCase(Locale.ROOT)
					+ " cron expression '" + trimmed + "': " + ex.getMessage());
		}
	}

	/** Resolves a zone id; null or blank means UTC. @throws InvalidCronException naming {@code timeZone} */
	public static ZoneId zoneOf(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return ZoneId.of("UTC");
		}
		try {
			return ZoneId.of(timeZone.trim());
		}
		catch (DateTimeException ex) {
			throw new InvalidCronException("timeZone", "unknown time zone '" + timeZone + "'; use an IANA id such as Europe/Paris or UTC");
		}
	}

	/** The first fire instant strictly after {@code after}, if the expression ever fires again. */
	public Optional<Instant> nextAfter(Instant after) {
		return this.executionTime.nextExecution(ZonedDateTime.ofInstant(after, this.zone)).map(ZonedDateTime::toInstant);
	}

	/** Up to {@code count} fire instants strictly after {@code after}, in order. */
	public List<Instant> nextAfter(Instant after, int count) {
		List<Instant> result = new ArrayList<>(count);
		Instant cursor = after;
		while (result.size() < count) {
			Optional<Instant> next = nextAfter(cursor);
			if (next.isEmpty()) {
				break;
			}
			result.add(next.get());
			cursor = next.get();
		}
		return result;
	}

	/** A human description in English, e.g. "every 5 minutes". */
	public String describe() {
		return CronDescriptor.instance(Locale.ENGLISH).describe(this.cron);
	}

	public String expression() {
		return this.expression;
	}

	public ZoneId zone() {
		return this.zone;
	}

	public CronDialect dialect() {
		return this.dialect;
	}

	@Override
	public String toString() {
		return this.expression + " (" + this.dialect + ", " + this.zone + ")";
	}

}
