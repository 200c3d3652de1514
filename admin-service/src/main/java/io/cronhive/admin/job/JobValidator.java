package io.cronhive.admin.job;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.workergroup.WorkerGroupLookup;
import io.cronhive.common.cron.CronSchedule;
import io.cronhive.common.cron.InvalidCronException;
import io.cronhive.common.job.JobType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The rules a job definition must meet beyond field sizes: a cron that parses in its zone and fires again, a
 * target that suits the type, a known worker group, known policies. Collects every problem before refusing,
 * so a client fixes its request in one round trip.
 */
@Component
class JobValidator {

	static final List<String> ROUTINGS = List.of("round_robin", "random", "least_busy", "consistent_hash", "failover",
			"broadcast");

	static final List<String> MISFIRES = List.of("fire_once", "skip");

	static final List<String> CONCURRENCIES = List.of("allow", "skip", "replace");

	// MEDIUMTEXT holds 16 MiB; a script or program larger than 1 MiB is a mistake, not a job.
	private static final int MAX_TARGET_CHARS = 1_048_576;

	private static final int MAX_PARAMETER_CHARS = 60_000;

	private final WorkerGroupLookup groups;

	private final JsonMapper json;

	private final Clock clock;

	JobValidator(WorkerGroupLookup groups, JsonMapper json, Clock clock) {
		this.groups = groups;
		this.json = json;
		this.clock = clock;
	}

	JobDefinition validate(JobRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		String zone = blankToNull(request.timeZone());
		String cron = request.cron().trim().replaceAll("\\s+", " ");
		try {
			ZoneId zoneId = CronSchedule.zoneOf(zone);
			zone = (zone != null) ? zone.trim() : "UTC";
			CronSchedule schedule = CronSchedule.parse(cron, zoneId);
			if (schedule.nextAfter(this.clock.instant()).isEmpty()) {
				errors.add(new FieldProblem("cron", "'" + cron + "' never fires again"));
			}
		}
		catch (InvalidCronException ex) {
			errors.add(new FieldProblem(ex.field(), ex.getMessage()));
		}
		JobType type = null;
		try {
			type = JobType.fromWire(request.type());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldProblem("type", ex.getMessage()));
		}
		String target = (type != null) ? target(type, request.target(), errors) : null;
		if (request.groupId() != null && !this.groups.exists(request.groupId())) {
			errors.add(new FieldProblem("groupId", "worker group " + request.groupId() + " does not exist"));
		}
		String routing = choice("routing", request.routing(), ROUTINGS, errors);
		String misfire = choice("misfire", request.misfire(), MISFIRES, errors);
		String concurrency = choice("concurrency", request.concurrency(), CONCURRENCIES, errors);
		String parameters = parameters(request.parameters(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new JobDefinition(request.name().trim(), request.groupId(), blankToNull(request.tag()), cron, zone,
				type.wireName(), target, parameters, orDefault(request.timeoutMs(), 0L),
				(request.retries() != null) ? request.retries() : 0, orDefault(request.retryBackoffMs(), 10_000L),
				Boolean.TRUE.equals(request.idempotent()), routing, misfire, concurrency, blankToNull(request.remark()));
	}

	private String target(JobType type, JsonNode target, List<FieldProblem> errors) {
		if (target == null || target.isNull() || (target.isString() && target.asString().isBlank())) {
			errors.add(new FieldProblem("target", switch (type) {
				case COMMAND -> "a command job needs the command line to run";
				case SHELL -> "a shell job needs the script to run";
				case PYTHON, GOLANG -> "a " + type.wireName() + " job needs its source code";
				case HTTP -> "an http job needs a URL or a request object";
			}));
			return null;
		}
		if (type == JobType.HTTP) {
			return HttpTargets.normalise(target, this.json, errors);
		}
		if (!target.isString()) {
			errors.add(new FieldProblem("target", "a " + type.wireName() + " job's target is a string"));
			return null;
		}
		String text = target.asString();
		if (text.length() > MAX_TARGET_CHARS) {
			errors.add(new FieldProblem("target", "is longer than " + MAX_TARGET_CHARS + " characters"));
			return null;
		}
		return text;
	}

	private static String choice(String field, String value, List<String> allowed, List<FieldProblem> errors) {
		if (value == null || value.isBlank()) {
			return allowed.getFirst();
		}
		String normalised = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
		if (!allowed.contains(normalised)) {
			errors.add(new FieldProblem(field, "'" + value + "' is not one of " + String.join(", ", allowed)));
		}
		return normalised;
	}

	private String parameters(Map<String, String> parameters, List<FieldProblem> errors) {
		if (parameters == null || parameters.isEmpty()) {
			return null;
		}
		for (Map.Entry<String, String> entry : parameters.entrySet()) {
			if (entry.getKey().isBlank() || entry.getKey().length() > 128) {
				errors.add(new FieldProblem("parameters", "names must be 1 to 128 characters"));
				return null;
			}
		}
		String text = this.json.writeValueAsString(parameters);
		if (text.length() > MAX_PARAMETER_CHARS) {
			errors.add(new FieldProblem("parameters", "are larger than " + MAX_PARAMETER_CHARS + " characters as JSON"));
			return null;
		}
		return text;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static long orDefault(Long value, long fallback) {
		return (value != null) ? value : fallback;
	}

}
