package io.cronhive.admin.job;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A job definition. The operator owns the definition; the last-run columns are written by master-service only
 * and therefore mapped read-only, so an edit never overwrites a result that arrived meanwhile.
 */
@Entity
@Table(name = "jobs")
class Job {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_id", nullable = false, updatable = false, length = 36, columnDefinition = "char(36)")
	private String jobId;

	@Column(nullable = false, length = 128)
	private String name;

	@Column(name = "group_id")
	private Long groupId;

	@Column(length = 64)
	private String tag;

	@Column(nullable = false)
	private String cron;

	@Column(name = "time_zone", nullable = false, length = 64)
	private String timeZone;

	@Column(nullable = false, length = 16)
	private String type;

	@Column(nullable = false, columnDefinition = "mediumtext")
	private String target;

	@Column(columnDefinition = "text")
	private String parameters;

	@Column(name = "timeout_ms", nullable = false)
	private long timeoutMs;

	@Column(nullable = false)
	private int retries;

	@Column(name = "retry_backoff_ms", nullable = false)
	private long retryBackoffMs;

	@Column(nullable = false)
	private boolean idempotent;

	@Column(nullable = false, length = 24)
	private String routing;

	@Column(nullable = false, length = 24)
	private String misfire;

	@Column(nullable = false, length = 24)
	private String concurrency;

	@Column(length = 512)
	private String remark;

	@Column(length = 64, updatable = false)
	private String username;

	@Column(name = "create_time", nullable = false, updatable = false)
	private long createTime;

	@Column(name = "update_time", nullable = false)
	private long updateTime;

	// Last run: written by master-service only.
	@Column(insertable = false, updatable = false, length = 64)
	private String ip;

	// The column's default, so a job answered right after its insert shows "unknown" like a reloaded one.
	@JdbcTypeCode(SqlTypes.TINYINT)
	@Column(insertable = false, updatable = false)
	private Integer status = 3;

	@Column(insertable = false, updatable = false)
	private Long times;

	@Column(name = "start_time", insertable = false, updatable = false)
	private Long startTime;

	@Column(name = "end_time", insertable = false, updatable = false)
	private Long endTime;

	@JdbcTypeCode(SqlTypes.TINYINT)
	@Column(insertable = false, updatable = false)
	private Integer result;

	@Version
	private long version;

	protected Job() {
	}

	Job(JobDefinition definition, String username, long now) {
		this.jobId = UUID.randomUUID().toString();
		this.username = username;
		this.createTime = now;
		apply(definition, now);
	}

	/** Replaces the operator-owned definition; answers whether the firing rule (cron or zone) changed. */
	boolean apply(JobDefinition d, long now) {
		boolean ruleChanged = !d.cron().equals(this.cron) || !d.timeZone().equals(this.timeZone);
		this.name = d.name();
		this.groupId = d.groupId();
		this.tag = d.tag();
		this.cron = d.cron();
		this.timeZone = d.timeZone();
		this.type = d.type();
		this.target = d.target();
		this.parameters = d.parameters();
		this.timeoutMs = d.timeoutMs();
		this.retries = d.retries();
		this.retryBackoffMs = d.retryBackoffMs();
		this.idempotent = d.idempotent();
		this.routing = d.routing();
		this.misfire = d.misfire();
		this.concurrency = d.concurrency();
		this.remark = d.remark();
		this.updateTime = now;
		return ruleChanged;
	}

	Long getId() {
		return this.id;
	}

	String getJobId() {
		return this.jobId;
	}

	String getName() {
		return this.name;
	}

	Long getGroupId() {
		return this.groupId;
	}

	String getTag() {
		return this.tag;
	}

	String getCron() {
		return this.cron;
	}

	String getTimeZone() {
		return this.timeZone;
	}

	String getType() {
		return this.type;
	}

	String getTarget() {
		return this.target;
	}

	String getParameters() {
		return this.parameters;
	}

	long getTimeoutMs() {
		return this.timeoutMs;
	}

	int getRetries() {
		return this.retries;
	}

	long getRetryBackoffMs() {
		return this.retryBackoffMs;
	}

	boolean isIdempotent() {
		return this.idempotent;
	}

	String getRouting() {
		return this.routing;
	}

	String getMisfire() {
		return this.misfire;
	}

	String getConcurrency() {
		return this.concurrency;
	}

	String getRemark() {
		return this.remark;
	}

	String getUsername() {
		return this.username;
	}

	long getCreateTime() {
		return this.createTime;
	}

	long getUpdateTime() {
		return this.updateTime;
	}

	String getIp() {
		return this.ip;
	}

	Integer getStatus() {
		return this.status;
	}

	Long getTimes() {
		return this.times;
	}

	Long getStartTime() {
		return this.startTime;
	}

	Long getEndTime() {
		return this.endTime;
	}

	Integer getResult() {
		return this.result;
	}

	long getVersion() {
		return this.version;
	}

}
