package io.cronhive.admin.job;

import java.util.Map;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

/**
 * A job as the API shows it: the seed's fields with their numeric codes plus readable names
 * ({@code statusName}, {@code resultName}), the extended definition, and the scheduling state. Instants are
 * Unix milliseconds. Public because run logs and scheduling answer with parts of it.
 */
public record JobView(long id, String jobId, String name, Long groupId, String groupName, String tag, String cron,
		String timeZone, String type, String target, Map<String, String> parameters, long timeoutMs, int retries,
		long retryBackoffMs, boolean idempotent, String routing, String misfire, String concurrency, String remark, String username,
		long createTime, long updateTime, String ip, Integer status, String statusName, Long times, Long startTime,
		Long endTime, Integer result, String resultName, boolean scheduled, Long notBefore, Long nextFireAt,
		long version) {

	static JobView of(Job job, JobSchedule schedule, String groupName, Map<String, String> parameters) {
		Integer status = job.getStatus();
		Integer result = job.getResult();
		return new JobView(job.getId(), job.getJobId(), job.getName(), job.getGroupId(), groupName, job.getTag(),
				job.getCron(), job.getTimeZone(), job.getType(), job.getTarget(), parameters, job.getTimeoutMs(),
				job.getRetries(), job.getRetryBackoffMs(), job.isIdempotent(), job.getRouting(), job.getMisfire(), job.getConcurrency(),
				job.getRemark(), job.getUsername(), job.getCreateTime(), job.getUpdateTime(), job.getIp(), status,
				(status != null) ? RunStatus.fromCode(status).wireName() : null, job.getTimes(), job.getStartTime(),
				job.getEndTime(), result, (result != null) ? RunOutcome.fromCode(result).wireName() : null,
				schedule != null && schedule.isScheduled(), (schedule != null) ? schedule.getNotBefore() : null,
				(schedule != null) ? schedule.getNextFireAt() : null, job.getVersion());
	}

}
