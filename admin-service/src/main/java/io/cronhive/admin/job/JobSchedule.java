package io.cronhive.admin.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A job's scheduling state (table {@code job_schedules}), kept apart from the definition so that an operator's
 * edit and the scheduler's bookkeeping never overwrite each other. admin-service only inserts it and changes
 * it through single conditional statements; master-service advances {@code next_fire_at}.
 */
@Entity
@Table(name = "job_schedules")
class JobSchedule {

	@Id
	@Column(name = "job_id")
	private Long jobId;

	@Column(nullable = false)
	private boolean scheduled;

	@Column(name = "not_before")
	private Long notBefore;

	@Column(name = "next_fire_at")
	private Long nextFireAt;

	@Column(nullable = false)
	private long revision;

	@Column(name = "updated_at", nullable = false)
	private long updatedAt;

	protected JobSchedule() {
	}

	/** A new job starts unscheduled: creating a job never makes it fire. */
	JobSchedule(long jobId, long now) {
		this.jobId = jobId;
		this.scheduled = false;
		this.updatedAt = now;
	}

	Long getJobId() {
		return this.jobId;
	}

	boolean isScheduled() {
		return this.scheduled;
	}

	Long getNotBefore() {
		return this.notBefore;
	}

	Long getNextFireAt() {
		return this.nextFireAt;
	}

	long getRevision() {
		return this.revision;
	}

}
