package io.cronhive.admin.runlog;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One run of a job (table {@code run_logs}). master-service writes a run's whole lifecycle; admin-service
 * only inserts manual "run now" requests, reads, and records kill requests, all through statements that leave
 * the master's columns alone. The captured output is mapped separately ({@link RunOutput}) so that lists never
 * load it.
 */
@Entity
@Table(name = "run_logs")
class RunLog {

	static final String REQUESTED = "requested";

	static final String FINISHED = "finished";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_id", nullable = false)
	private long jobId;

	@Column(name = "job_uuid", nullable = false, length = 36, columnDefinition = "char(36)")
	private String jobUuid;

	@Column(name = "job_name", nullable = false, length = 128)
	private String jobName;

	@Column(name = "worker_group_name", length = 128)
	private String workerGroupName;

	@Column(name = "worker_name", length = 128)
	private String workerName;

	@Column(name = "worker_ip", length = 64)
	private String workerIp;

	@Column(name = "worker_instance")
	private String workerInstance;

	private String cron;

	@Column(nullable = false, length = 16)
	private String type;

	@Column(nullable = false, length = 16)
	private String state;

	@JdbcTypeCode(SqlTypes.TINYINT)
	@Column(nullable = false)
	private int status;

	@JdbcTypeCode(SqlTypes.TINYINT)
	private Integer result;

	private Long times;

	@Column(length = 64)
	private String username;

	@Column(name = "create_time", nullable = false)
	private long createTime;

	@Column(name = "scheduled_at", nullable = false)
	private long scheduledAt;

	@Column(name = "dispatched_at")
	private Long dispatchedAt;

	@Column(name = "started_at")
	private Long startedAt;

	@Column(name = "ended_at")
	private Long endedAt;

	@Column(name = "exit_code")
	private Integer exitCode;

	@Column(nullable = false)
	private int attempt;

	@Column(nullable = false)
	private long epoch;

	@Column(name = "trigger_kind", nullable = false, length = 16)
	private String triggerKind;

	@Column(name = "slot_key", length = 160)
	private String slotKey;

	@Column(name = "parent_run_id")
	private Long parentRunId;

	@Column(name = "output_truncated", nullable = false)
	private boolean outputTruncated;

	@Column(length = 1024)
	private String message;

	@Column(name = "kill_requested_at")
	private Long killRequestedAt;

	protected RunLog() {
	}

	/**
	 * A manual run as the run lifecycle contract defines it: state requested, epoch 0 (no leader yet), status
	 * unknown, a unique manual slot key; the leader claims it with its epoch.
	 */
	static RunLog requested(long jobId, String jobUuid, String jobName, String groupName, String cron, String type,
			String username, long now) {
		RunLog run = new RunLog();
		run.jobId = jobId;
		run.jobUuid = jobUuid;
		run.jobName = jobName;
		run.workerGroupName = groupName;
		run.cron = cron;
		run.type = type;
		run.state = REQUESTED;
		run.status = 3;
		run.username = username;
		run.createTime = now;
		run.scheduledAt = now;
		run.attempt = 1;
		run.epoch = 0;
		run.triggerKind = "manual";
		run.slotKey = "manual:" + UUID.randomUUID();
		return run;
	}

	Long getId() {
		return this.id;
	}

	long getJobId() {
		return this.jobId;
	}

	String getJobUuid() {
		return this.jobUuid;
	}

	String getJobName() {
		return this.jobName;
	}

	String getWorkerGroupName() {
		return this.workerGroupName;
	}

	String getWorkerName() {
		return this.workerName;
	}

	String getWorkerIp() {
		return this.workerIp;
	}

	String getWorkerInstance() {
		return this.workerInstance;
	}

	String getCron() {
		return this.cron;
	}

	String getType() {
		return this.type;
	}

	String getState() {
		return this.state;
	}

	int getStatus() {
		return this.status;
	}

	Integer getResult() {
		return this.result;
	}

	Long getTimes() {
		return this.times;
	}

	String getUsername() {
		return this.username;
	}

	long getCreateTime() {
		return this.createTime;
	}

	long getScheduledAt() {
		return this.scheduledAt;
	}

	Long getDispatchedAt() {
		return this.dispatchedAt;
	}

	Long getStartedAt() {
		return this.startedAt;
	}

	Long getEndedAt() {
		return this.endedAt;
	}

	Integer getExitCode() {
		return this.exitCode;
	}

	int getAttempt() {
		return this.attempt;
	}

	long getEpoch() {
		return this.epoch;
	}

	String getTriggerKind() {
		return this.triggerKind;
	}

	Long getParentRunId() {
		return this.parentRunId;
	}

	boolean isOutputTruncated() {
		return this.outputTruncated;
	}

	String getMessage() {
		return this.message;
	}

	Long getKillRequestedAt() {
		return this.killRequestedAt;
	}

}
