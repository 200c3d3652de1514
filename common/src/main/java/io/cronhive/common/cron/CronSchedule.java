package io.cronhive.common.cron;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed cron expression in a time zone: the single place that turns cron text into fire instants. Immutable and
 * thread-safe; parse once, then call {@link #nextAfter(Instant)} as often as needed.
 * <p>
 * Six or seven fields are read as Quartz (seconds first, optional year), five as crontab(5) (or one of
 * {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}). Wall-clock times map to
 * instants in the job's zone like cronie does across DST changes: a time skipped by a spring-forward gap fires once,
 * at the instant the gap ends; a time repeated by a fall-back overlap fires once, on its first occurrence. Schedules
 * that match every hour of the day follow real time instead: they skip nothing real and fire through both passes of
 * a repeated hour.
 */
public final class CronSchedule {

	private static final ZoneId UTC = ZoneId.of("UTC");

	/** Two days before 1970 in UTC: before 1970-01-01 00:00 in every zone. */
	private static final Instant SEARCH_START = Instant.parse("1969-12-30T00:00:00Z");

	private static final Instant SEARCH_END = Instant.parse("9999-12-01T00:00:00Z");

	private static final Map<String, String> UNIX_MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
			"@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
			"@hourly", "0 * * * *");

	private final String expression;

	private final ZoneId zone;

	private final CronDialect dialect;

	private final CronFields fields;

	private final ZoneRules rules;

	/** Non-null for fixed-offset zones (UTC, +05:30): no DST, so no mapping work. */
	private final ZoneOffset fixedOffset;

	private final boolean followsRealTime;

	private final String[] parts;

	private CronSchedule(String expression, ZoneId zone, CronDialect dialect, String[] parts, CronFields fields) {
		this.expression = expression;
		this.zone = zone;
		this.dialect = dialect;
		this.parts = parts;
		this.fields = fields;
		this.rules = zone.getRules();
		this.fixedOffset = this.rules.isFixedOffset() ? this.rules.getOffset(Instant.EPOCH) : null;
		this.followsRealTime = fields.everyHour();
	}

	/**
	 * Parses an expression in a zone given by id; a null or blank zone means UTC.
	 * @throws InvalidCronException naming {@code cron} or {@code timeZone}
	 */
	public static CronSchedule parse(String expression, String timeZone) {
		return parse(expression, zoneOf(timeZone));
	}

	/** Parses an expression in a zone (null means UTC). @throws InvalidCronException naming {@code cron} */
	public static CronSchedule parse(String expression, ZoneId zone) {
		if (expression == null || expression.isBlank()) {
			throw new InvalidCronException("cron", "cron expression is empty");
		}
		String trimmed = expression.trim().replaceAll("\\s+", " ");
		String expanded = UNIX_MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
		if (expanded.startsWith("@")) {
			throw new InvalidCronException("cron", "unknown cron macro '" + trimmed
					+ "'; use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually");
		}
		String[] parts = expanded.split(" ");
		CronDialect dialect = switch (parts.length) {
			case 5 -> CronDialect.UNIX;
			case 6, 7 -> CronDialect.QUARTZ;
			default -> throw new InvalidCronException("cron", "cron expression '" + trimmed + "' has " + parts.length
					+ " fields; expected 5 (Unix: minute hour day month weekday) or 6-7 (Quartz: second first)");
		};
		CronFields fields;
		try {
			fields = (dialect == CronDialect.UNIX) ? CronFields.unix(parts) : CronFields.quartz(parts);
		}
		catch (InvalidCronException ex) {
			throw new InvalidCronException("cron", "invalid " + dialect.name().toLowerCase(Locale.ROOT)
					+ " cron expression '" + trimmed + "': " + ex.getMessage());
		}
		if (fields.nextAfter(LocalDateTime.of(CronFields.MIN_YEAR - 1, 12, 31, 23, 59, 59)) == null) {
			throw new InvalidCronException("cron", "cron expression '" + trimmed
					+ "' never fires (no such date, e.g. 30 February, or only past years)");
		}
		return new CronSchedule(trimmed, (zone != null) ? zone : UTC, dialect, parts, fields);
	}

	/** Resolves a zone id; null or blank means UTC. @throws InvalidCronException naming {@code timeZone} */
	public static ZoneId zoneOf(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return UTC;
		}
		try {
			return ZoneId.of(timeZone.trim());
		}
		catch (DateTimeException ex) {
			throw new InvalidCronException("timeZone",
					"unknown time zone '" + timeZone + "'; use an IANA id such as Europe/Paris or UTC");
		}
	}

	/**
	 * The first fire instant strictly after {@code after}, if the expression ever fires again. Searches from 1970
	 * (Quartz's first year) to 9999; earlier starts count from 1970, later ones find nothing.
	 */
	public Optional<Instant> nextAfter(Instant after) {
		Objects.requireNonNull(after, "after");
		if (after.isAfter(SEARCH_END)) {
			return Optional.empty();
		}
		Instant from = after.isBefore(SEARCH_START) ? SEARCH_START : after;
		if (this.fixedOffset != null) {
			LocalDateTime next = this.fields.nextAfter(local(from, this.fixedOffset));
			return (next != null) ? Optional.of(next.toInstant(this.fixedOffset)) : Optional.empty();
		}
		return Optional.ofNullable(DstMapping.nextAfter(this.fields, this.rules, this.followsRealTime, from));
	}

	/** Up to {@code count} fire instants strictly after {@code after}, in order. */
	public List<Instant> nextAfter(Instant after, int count) {
		List<Instant> result = new ArrayList<>(Math.max(0, Math.min(count, 1024)));
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

	/** A human description in English, e.g. "every 5 minutes"; never throws. */
	public String describe() {
		return CronDescriptions.describe(this.dialect, this.parts, this.expression);
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

	static LocalDateTime local(Instant instant, ZoneOffset offset) {
		return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CronSchedule that && this.expression.equals(that.expression)
				&& this.zone.equals(that.zone);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.expression, this.zone);
	}

	@Override
	public String toString() {
		return this.expression + " (" + this.dialect + ", " + this.zone + ")";
	}

}
