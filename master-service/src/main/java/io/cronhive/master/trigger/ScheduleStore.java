package io.cronhive.master.trigger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cronhive.master.leader.LeaderLease;
import io.cronhive.master.run.JobSpecs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The slot claim: in one transaction, a compare-and-set that advances {@code job_schedules.next_fire_at} past
 * the slot and an insert of the run under the unique key {@code cron:<jobId>:<fireMs>} carrying the epoch,
 * both refused unless this holder still owns the lease under that epoch. Whichever of two would-be leaders
 * comes second finds the schedule moved, the key taken or the lease gone, and claims nothing.
 */
@Component
class ScheduleStore {

	// Inserted run columns; values come from the job and the lease row, so the epoch written is the lease's.
	private static final String INSERT_CLAIM = "INSERT IGNORE INTO run_logs (job_id, job_uuid, job_name, "
			+ "worker_group_name, cron, type, state, status, username, create_time, scheduled_at, attempt, epoch, "
			+ "trigger_kind, slot_key) SELECT ?, ?, ?, ?, ?, ?, 'claimed', 3, ?, ?, ?, 1, epoch, ?, ? "
			+ "FROM leader_lease WHERE id = 1 AND holder = ? AND epoch = ? AND expires_at > CURRENT_TIMESTAMP(3)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final LeaderLease lease;

	ScheduleStore(JdbcClient jdbc, TransactionTemplate transactions, LeaderLease lease) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.lease = lease;
	}

	/** Scheduled jobs whose next slot is unknown or due by {@code horizon}. */
	List<ScheduledJob> loadDue(long horizon) {
		return this.jdbc
			.sql("SELECT " + JobSpecs.COLUMNS + ", s.not_before, s.next_fire_at, s.revision FROM job_schedules s "
					+ "JOIN jobs j ON j.id = s.job_id LEFT JOIN worker_groups g ON g.id = j.group_id "
					+ "WHERE s.scheduled = TRUE AND (s.next_fire_at IS NULL OR s.next_fire_at <= ?)")
			.param(horizon)
			.query((rs, i) -> new ScheduledJob(JobSpecs.map(rs), nullableLong(rs, "not_before"),
					nullableLong(rs, "next_fire_at"), rs.getLong("revision")))
			.list();
	}

	/** Revision of every scheduled job, to notice stops and changes; stopped jobs are absent. */
	Map<Long, Long> scheduledRevisions() {
		Map<Long, Long> revisions = new HashMap<>();
		this.jdbc.sql("SELECT job_id, revision FROM job_schedules WHERE scheduled = TRUE")
			.query((rs) -> {
				revisions.put(rs.getLong(1), rs.getLong(2));
			});
		return revisions;
	}

	/** {@link #claim} answer: the schedule moved under us or the lease is not ours; stop planning this job. */
	static final long MOVED = -1;

	/** {@link #claim} answer: the slot's key was taken (it already ran); the schedule advanced past it. */
	static final long TAKEN = 0;

	/**
	 * Claims one slot and advances the schedule from {@code expectedNext} to the slot's successor.
	 * @return the new run's id, {@link #TAKEN} or {@link #MOVED}
	 */
	long claim(ScheduledJob scheduled, Long expectedNext, SlotPlan.Slot slot, String holder, long epoch, long now) {
		Long result = this.transactions.execute((tx) -> {
			if (!advanceInTransaction(scheduled, expectedNext, slot.nextAfter(), holder, epoch)) {
				return MOVED;
			}
			var job = scheduled.job();
			KeyHolder keys = new GeneratedKeyHolder();
			int inserted = this.jdbc.sql(INSERT_CLAIM)
				.params(job.id(), job.uuid(), job.name(), job.groupName(), job.cron(), job.type().wireName(),
						job.username(), now, slot.scheduledAtMs(), slot.kind(), slotKey(job.id(), slot.scheduledAtMs()),
						holder, epoch)
				.update(keys);
			if (inserted == 1) {
				return keys.getKey().longValue();
			}
			if (!this.lease.isHeld(holder, epoch)) {
				tx.setRollbackOnly();
				return MOVED;
			}
			// The key was taken: the slot ran already (a stop and restart within it); move on past it.
			return TAKEN;
		});
		return (result != null) ? result : MOVED;
	}

	/** Moves the schedule without claiming (skipped misfires, a cron that never fires again). */
	boolean advance(ScheduledJob scheduled, Long expectedNext, long newNext, String holder, long epoch) {
		return Boolean.TRUE.equals(this.transactions
			.execute((tx) -> advanceInTransaction(scheduled, expectedNext, newNext, holder, epoch)));
	}

	private boolean advanceInTransaction(ScheduledJob scheduled, Long expectedNext, long newNext, String holder,
			long epoch) {
		String expected = (expectedNext != null) ? "next_fire_at = ?" : "next_fire_at IS NULL";
		var statement = this.jdbc.sql("UPDATE job_schedules SET next_fire_at = ? WHERE job_id = ? AND revision = ? "
				+ "AND scheduled = TRUE AND " + expected + " AND " + LeaderLease.FENCE);
		statement = statement.param(newNext).param(scheduled.job().id()).param(scheduled.revision());
		if (expectedNext != null) {
			statement = statement.param(expectedNext);
		}
		return statement.param(holder).param(epoch).update() == 1;
	}

	static String slotKey(long jobId, long fireAtMs) {
		return "cron:" + jobId + ":" + fireAtMs;
	}

	private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
