package io.cronhive.master.run;

import java.time.Clock;

import io.cronhive.common.job.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a failed run into its next attempt while the job has retries left. The retry is inserted as a
 * requested run ({@code retry:<runId>:<attempt>}, unique) due after an exponential backoff, so any replica may
 * do it, a repeat does nothing, and the leader claims and fires it like a manual run. Broadcast children are
 * not retried one by one: a retry would be broadcast again.
 */
@Component
public class RunRetries {

	private static final Logger logger = LoggerFactory.getLogger(RunRetries.class);

	// Doubling stops here: a retry an hour later is as late as a retry should get.
	private static final long MAX_BACKOFF_MS = 3_600_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	RunRetries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Schedules the next attempt of a failed run if its job allows one; answers whether it did. A run whose
	 * outcome is unknown (status 3: its worker died while it ran) may have done its work, so it is retried
	 * only when its job is marked idempotent: a second call must not be made behind the operator's back.
	 */
	public boolean scheduleRetry(long failedRunId, long failedAtMs) {
		var row = this.jdbc
			.sql("SELECT r.attempt, j.retries, j.retry_backoff_ms, r.status, j.idempotent FROM run_logs r "
					+ "JOIN jobs j ON j.id = r.job_id "
					+ "WHERE r.id = ? AND (r.slot_key IS NULL OR r.slot_key NOT LIKE 'bcast:%')")
			.param(failedRunId)
			.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
					rs.getBoolean(5) ? 1 : 0 })
			.optional();
		if (row.isEmpty() || row.get()[0] > row.get()[1]) {
			return false;
		}
		if (row.get()[3] == RunStatus.UNKNOWN.code() && row.get()[4] == 0) {
			logger.info("Run {} ended with an unknown outcome; not retried, since its job is not marked idempotent",
					failedRunId);
			return false;
		}
		int attempt = (int) row.get()[0];
		long backoff = backoffMs(row.get()[2], attempt);
		long dueAt = Math.max(failedAtMs, this.clock.millis()) + backoff;
		int inserted = this.jdbc
			.sql("INSERT IGNORE INTO run_logs (job_id, job_uuid, job_name, worker_group_name, cron, type, state, "
					+ "status, username, create_time, scheduled_at, attempt, epoch, trigger_kind, slot_key, parent_run_id) "
					+ "SELECT job_id, job_uuid, job_name, worker_group_name, cron, type, 'requested', 3, username, ?, ?, "
					+ "attempt + 1, 0, 'retry', ?, id FROM run_logs WHERE id = ?")
			.params(this.clock.millis(), dueAt, "retry:" + failedRunId + ":" + (attempt + 1), failedRunId)
			.update();
		if (inserted == 1) {
			logger.info("Run {} failed; attempt {} due in {} ms", failedRunId, attempt + 1, dueAt - this.clock.millis());
		}
		return inserted == 1;
	}

	/** The wait before attempt {@code failedAttempt + 1}: the job's backoff, doubled per attempt, capped. */
	static long backoffMs(long baseMs, int failedAttempt) {
		long backoff = Math.max(0, baseMs);
		for (int i = 1; i < failedAttempt && backoff < MAX_BACKOFF_MS; i++) {
			backoff *= 2;
		}
		return Math.min(backoff, MAX_BACKOFF_MS);
	}

}
