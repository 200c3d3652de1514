package io.cronhive.admin.runlog;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

/**
 * A run as lists show it: the seed's run log fields with readable names beside the codes, plus the lifecycle
 * (scheduled, dispatched, started, ended as Unix ms), attempt, leader epoch and trigger kind. No output.
 */
record RunLogView(long id, long jobId, String jobUuid, String jobName, String workerGroupName, String workerName,
		String workerIp, String cron, String type, int status, String statusName, Integer result, String resultName,
		Long times, String username, long createTime, long scheduledAt, Long dispatchedAt, Long startedAt,
		Long endedAt, Integer exitCode, int attempt, long epoch, String triggerKind, String state, Long parentRunId,
		String message, Long killRequestedAt) {

	static RunLogView of(RunLog r) {
		return new RunLogView(r.getId(), r.getJobId(), r.getJobUuid(), r.getJobName(), r.getWorkerGroupName(),
				r.getWorkerName(), r.getWorkerIp(), r.getCron(), r.getType(), r.getStatus(),
				RunStatus.fromCode(r.getStatus()).wireName(), r.getResult(),
				(r.getResult() != null) ? RunOutcome.fromCode(r.getResult()).wireName() : null, r.getTimes(),
				r.getUsername(), r.getCreateTime(), r.getScheduledAt(), r.getDispatchedAt(), r.getStartedAt(),
				r.getEndedAt(), r.getExitCode(), r.getAttempt(), r.getEpoch(), r.getTriggerKind(), r.getState(),
				r.getParentRunId(), r.getMessage(), r.getKillRequestedAt());
	}

}
