package io.cronhive.master.dependency;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cronhive.common.job.RunCondition;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements behind job dependencies. Every run they create has a unique {@code slot_key}
 * ({@code dep:<child>:<parent run>}, {@code join:<child>:<instant>}) in the column slot claims use, and is inserted
 * with {@code INSERT IGNORE}: a repeat, on any replica, creates nothing.
 */
@Component
class DependencyStore {

	// A requested run (epoch 0) is claimed and fired by the leader like a manual run or a retry.
	private static final String INSERT_RUN = "INSERT IGNORE INTO run_logs (job_id, job_uuid, job_name, "
			+ "worker_group_name, cron, type, state, status, result, username, create_time, scheduled_at, ended_at, "
			+ "attempt, epoch, trigger_kind, slot_key, parent_run_id, instant_ms, message) SELECT j.id, j.job_id, j.name, "
			+ "g.name, j.cron, j.type, ?, ?, ?, j.username, ?, ?, ?, 1, 0, ?, ?, ?, ?, ? FROM jobs j "
			+ "LEFT JOIN worker_groups g ON g.id = j.group_id WHERE j.id = ?";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	DependencyStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	/** The finished runs among {@code runIds} whose jobs have dependents, one row per edge. */
	List<FinishedParent> parentsOf(Collection<Long> runIds) {
		return this.named.query("SELECT r.id, r.job_id, r.status, r.result, r.attempt, j.retries, j.idempotent, "
				+ "r.trigger_kind, r.parent_run_id, COALESCE(r.instant_ms, r.scheduled_at), d.child_job_id, d.kind, "
				+ "d.run_on, c.join_timeout_ms FROM run_logs r JOIN job_dependencies d ON d.parent_job_id = r.job_id "
				+ "JOIN jobs j ON j.id = r.job_id JOIN jobs c ON c.id = d.child_job_id WHERE r.id IN (:ids) "
				+ "AND r.state = 'finished' AND r.result IS NOT NULL AND (r.slot_key IS NULL OR r.slot_key NOT LIKE 'bcast:%') "
				// A skip record stands for slots that never ran: nothing ran, so nothing follows from it.
				+ "AND r.trigger_kind <> 'skipped' ORDER BY r.id, d.child_job_id", Map.of("ids", runIds), (rs, i) -> {
					long instant = rs.getLong(10);
					if ("retry".equals(rs.getString(8))) {
						instant = firstAttemptInstant(rs.getLong(9), instant);
					}
					long timeout = rs.getLong(14);
					return new FinishedParent(rs.getLong(1), rs.getLong(2), rs.getInt(3),
							RunOutcome.fromCode(rs.getInt(4)), rs.getInt(5), rs.getInt(6), rs.getBoolean(7), instant,
							rs.getLong(11), "join".equals(rs.getString(12)), RunCondition.fromWire(rs.getString(13)),
							rs.wasNull() ? JoinWindow.DEFAULT_TIMEOUT_MS : timeout);
				});
	}

	/** A retry's instant is its first attempt's: follows the retries back (each names the attempt it repeats). */
	private long firstAttemptInstant(long previousRunId, long fallback) {
		long runId = previousRunId;
		for (int hop = 0; hop < 200; hop++) {
			Optional<Object[]> row = this.jdbc
				.sql("SELECT trigger_kind, parent_run_id, COALESCE(instant_ms, scheduled_at) FROM run_logs WHERE id = ?")
				.param(runId)
				.query((rs, i) -> new Object[] { rs.getString(1), rs.getObject(2, Long.class), rs.getLong(3) })
				.optional();
			if (row.isEmpty()) {
				return fallback;
			}
			if (!"retry".equals(row.get()[0]) || row.get()[1] == null) {
				return (long) row.get()[2];
			}
			runId = (long) row.get()[1];
		}
		return fallback;
	}

	/** Requests the child's run for this parent run; answers whether this call created it. */
	boolean requestChild(FinishedParent parent, long nowMs) {
		return this.jdbc.sql(INSERT_RUN)
			.params("requested", RunStatus.UNKNOWN.code(), null, nowMs, nowMs, null, "dependency",
					"dep:" + parent.childJobId() + ":" + parent.runId(), parent.runId(), parent.instantMs(), null,
					parent.childJobId())
			.update() == 1;
	}

	/** Requests the join's run, triggered by the parent whose success completed it. */
	boolean requestJoin(JoinWindow join, long parentRunId, long nowMs) {
		return this.jdbc.sql(INSERT_RUN)
			.params("requested", RunStatus.UNKNOWN.code(), null, nowMs, nowMs, null, "join", join.slotKey(),
					parentRunId, join.instantMs(), null, join.childJobId())
			.update() == 1;
	}

	/** Records the join's one run as failed with why (a parent failed, or the timeout passed): it never fires. */
	boolean failJoin(JoinWindow join, Long parentRunId, String message, long nowMs) {
		return this.jdbc.sql(INSERT_RUN)
			.params("finished", RunStatus.ERROR.code(), RunOutcome.FAILED.code(), nowMs, nowMs, nowMs, "join",
					join.slotKey(), parentRunId, join.instantMs(), message, join.childJobId())
			.update() == 1;
	}

	/**
	 * Opens the join instant if new and locks its row until the transaction ends, so two parents finishing at once
	 * take turns and the second sees the first's arrival.
	 * @return whether the join is still open (not fired, failed or timed out)
	 */
	boolean lockOpen(JoinWindow join, long nowMs) {
		this.jdbc
			.sql("INSERT INTO join_waits (child_job_id, instant_ms, opened_at) VALUES (?, ?, ?) "
					+ "ON DUPLICATE KEY UPDATE opened_at = opened_at")
			.params(join.childJobId(), join.instantMs(), nowMs)
			.update();
		return !this.jdbc.sql("SELECT closed FROM join_waits WHERE child_job_id = ? AND instant_ms = ? FOR UPDATE")
			.params(join.childJobId(), join.instantMs())
			.query(Boolean.class)
			.single();
	}

	void close(JoinWindow join) {
		this.jdbc.sql("UPDATE join_waits SET closed = TRUE WHERE child_job_id = ? AND instant_ms = ?")
			.params(join.childJobId(), join.instantMs())
			.update();
	}

	void arrive(JoinWindow join, long parentJobId, long parentRunId, long nowMs) {
		this.jdbc
			.sql("INSERT IGNORE INTO join_arrivals (child_job_id, instant_ms, parent_job_id, parent_run_id, arrived_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(join.childJobId(), join.instantMs(), parentJobId, parentRunId, nowMs)
			.update();
	}

	/** The child's join parents, ascending. */
	List<Long> joinParents(long childJobId) {
		return this.jdbc
			.sql("SELECT parent_job_id FROM job_dependencies WHERE child_job_id = ? AND kind = 'join' "
					+ "ORDER BY parent_job_id")
			.param(childJobId)
			.query(Long.class)
			.list();
	}

	/**
	 * The parents arrived so far. A locking read, which sees the latest committed rows at any isolation level: a
	 * plain read under REPEATABLE READ could answer from a snapshot older than the lock wait in {@link #lockOpen}.
	 */
	Set<Long> arrived(JoinWindow join) {
		return new HashSet<>(this.jdbc
			.sql("SELECT parent_job_id FROM join_arrivals WHERE child_job_id = ? AND instant_ms = ? FOR UPDATE")
			.params(join.childJobId(), join.instantMs())
			.query(Long.class)
			.list());
	}

	/** Open joins whose time is up at {@code nowMs}. */
	List<JoinWindow> expiredJoins(long nowMs) {
		return this.jdbc
			.sql("SELECT w.child_job_id, w.instant_ms, COALESCE(j.join_timeout_ms, ?) FROM join_waits w "
					+ "JOIN jobs j ON j.id = w.child_job_id WHERE w.closed = FALSE "
					+ "AND w.instant_ms + COALESCE(j.join_timeout_ms, ?) < ? ORDER BY w.instant_ms")
			.params(JoinWindow.DEFAULT_TIMEOUT_MS, JoinWindow.DEFAULT_TIMEOUT_MS, nowMs)
			.query((rs, i) -> new JoinWindow(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

}
