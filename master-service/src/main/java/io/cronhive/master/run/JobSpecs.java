package io.cronhive.master.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.cronhive.common.job.JobType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads job definitions for the scheduler with one shared column list and row mapper. */
@Component
public class JobSpecs {

	/** Columns {@link #map} reads; {@code j} is jobs, {@code g} the left-joined worker_groups. */
	public static final String COLUMNS = "j.id, j.job_id, j.name, j.group_id, g.name AS group_name, j.tag, j.cron, "
			+ "j.time_zone, j.type, j.target, j.parameters, j.timeout_ms, j.retries, j.retry_backoff_ms, j.routing, "
			+ "j.misfire, j.concurrency, j.username";

	/** The FROM clause matching {@link #COLUMNS}. */
	public static final String FROM = "jobs j LEFT JOIN worker_groups g ON g.id = j.group_id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	public JobSpecs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<JobSpec> find(long jobId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " WHERE j.id = ?")
			.param(jobId)
			.query((rs, i) -> map(rs))
			.optional();
	}

	/** The given jobs that still exist, by id: one query, where a recovery needs thousands. */
	public Map<Long, JobSpec> findAll(Collection<Long> jobIds) {
		Map<Long, JobSpec> found = new HashMap<>();
		if (jobIds.isEmpty()) {
			return found;
		}
		this.jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " WHERE j.id IN (:ids)")
			.param("ids", jobIds)
			.query((rs, i) -> map(rs))
			.list()
			.forEach((job) -> found.put(job.id(), job));
		return found;
	}

	/** Maps the {@link #COLUMNS} of the current row. */
	public static JobSpec map(ResultSet rs) throws SQLException {
		long groupId = rs.getLong("group_id");
		Long group = rs.wasNull() ? null : groupId;
		return new JobSpec(rs.getLong("id"), rs.getString("job_id"), rs.getString("name"), group,
				rs.getString("group_name"), rs.getString("tag"), rs.getString("cron"), rs.getString("time_zone"),
				JobType.fromWire(rs.getString("type")), rs.getString("target"), parameters(rs.getString("parameters")),
				rs.getLong("timeout_ms"), rs.getInt("retries"), rs.getLong("retry_backoff_ms"),
				lower(rs.getString("routing")), lower(rs.getString("misfire")), lower(rs.getString("concurrency")),
				rs.getString("username"));
	}

	/** Parameters are a JSON object of strings, or {@code KEY=VALUE} lines; anything else is passed whole. */
	static Map<String, String> parameters(String raw) {
		Map<String, String> result = new LinkedHashMap<>();
		if (raw == null || raw.isBlank()) {
			return result;
		}
		String trimmed = raw.trim();
		if (trimmed.startsWith("{")) {
			try {
				JSON.readTree(trimmed).properties().forEach((entry) -> result.put(entry.getKey(),
						entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
				return result;
			}
			catch (JacksonException ex) {
				// Not JSON after all: fall through to lines.
			}
		}
		for (String line : trimmed.split("\\R")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				result.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
			}
		}
		if (result.isEmpty()) {
			result.put("CRONHIVE_PARAMETERS", trimmed);
		}
		return result;
	}

	private static String lower(String value) {
		return (value != null) ? value.trim().toLowerCase(java.util.Locale.ROOT) : null;
	}

}
