package io.cronhive.master.run;

import java.util.Map;

import io.cronhive.common.job.JobType;

/**
 * What the scheduler needs of a job definition to fire and dispatch it, read in one query with the schedule.
 * Enum-like columns keep their stored lowercase names (routing, misfire, concurrency).
 *
 * @param id the job's numeric id
 * @param uuid the job's globally unique {@code jobId}
 * @param name the job's name
 * @param groupId worker group, or null
 * @param groupName worker group name, or null
 * @param tag worker tag, or null
 * @param cron the cron expression
 * @param timeZone the zone the cron is read in
 * @param type what to run
 * @param target command, script, code or HTTP request
 * @param parameters exported to the run's environment
 * @param timeoutMs 0 for none
 * @param retries extra attempts after a failure
 * @param retryBackoffMs wait before the first retry, doubled per attempt
 * @param routing routing strategy name
 * @param misfire misfire policy name
 * @param concurrency concurrency policy name
 * @param username creator
 */
public record JobSpec(long id, String uuid, String name, Long groupId, String groupName, String tag, String cron,
		String timeZone, JobType type, String target, Map<String, String> parameters, long timeoutMs, int retries,
		long retryBackoffMs, String routing, String misfire, String concurrency, String username) {

	public JobSpec {
		parameters = (parameters != null) ? Map.copyOf(parameters) : Map.of();
		tag = blankToNull(tag);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
