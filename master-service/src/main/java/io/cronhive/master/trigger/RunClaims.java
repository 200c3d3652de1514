package io.cronhive.master.trigger;

import java.util.List;
import java.util.function.Predicate;

import io.cronhive.master.leader.LeaderLease;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims of runs that already have a row: requested runs (manual, retry, delayed) taken by the leader, and
 * recovery, which moves runs claimed under an older epoch (a master that died before sending) to this
 * leader's epoch. Both are compare-and-sets fenced by the lease, so a run is taken by one leader only, and a
 * slow ex-leader's own send fence fails once its run has moved to the new epoch.
 */
@Component
class RunClaims {

	private final JdbcClient jdbc;

	RunClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Runs claimed under an epoch older than {@code epoch}. */
	List<PendingRow> orphaned(long epoch) {
		return this.jdbc
			.sql("SELECT id, job_id, epoch, scheduled_at, trigger_kind, attempt FROM run_logs "
					+ "WHERE state = 'claimed' AND epoch < ? ORDER BY scheduled_at")
			.param(epoch)
			.query((rs, i) -> new PendingRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getString(5), rs.getInt(6)))
			.list();
	}

	/**
	 * Runs claimed under this very epoch that this term holds no timer for: a planning round that failed after
	 * some of its claims were committed (a deadlock in a later chunk) left them. Without this they stayed
	 * claimed for good, since recovery takes over older epochs only.
	 * @param createdBefore only rows older than this, so a claim being made by a concurrent round is not taken
	 */
	List<PendingRow> unarmed(long epoch, Predicate<Long> armed, long createdBefore) {
		return this.jdbc
			.sql("SELECT id, job_id, epoch, scheduled_at, trigger_kind, attempt FROM run_logs "
					+ "WHERE state = 'claimed' AND epoch = ? AND create_time < ? ORDER BY scheduled_at")
			.params(epoch, createdBefore)
			.query((rs, i) -> new PendingRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getString(5), rs.getInt(6)))
			.list()
			.stream()
			.filter((row) -> !armed.test(row.runId()))
			.toList();
	}

	/** Moves one orphaned run from its dead epoch to ours. */
	boolean takeOver(PendingRow row, String holder, long epoch) {
		return this.jdbc
			.sql("UPDATE run_logs SET epoch = ? WHERE id = ? AND state = 'claimed' AND epoch = ? AND "
					+ LeaderLease.FENCE)
			.params(epoch, row.runId(), row.epoch(), holder, epoch)
			.update() == 1;
	}

	/** Requested runs due by {@code horizon}. */
	List<PendingRow> requested(long horizon) {
		return this.jdbc
			.sql("SELECT id, job_id, epoch, scheduled_at, trigger_kind, attempt FROM run_logs "
					+ "WHERE state = 'requested' AND scheduled_at <= ? ORDER BY scheduled_at")
			.param(horizon)
			.query((rs, i) -> new PendingRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getString(5), rs.getInt(6)))
			.list();
	}

	/** Claims one requested run under our epoch. */
	boolean claimRequested(PendingRow row, String holder, long epoch) {
		return this.jdbc
			.sql("UPDATE run_logs SET state = 'claimed', epoch = ? WHERE id = ? AND state = 'requested' AND "
					+ LeaderLease.FENCE)
			.params(epoch, row.runId(), holder, epoch)
			.update() == 1;
	}

	/**
	 * A run row awaiting this leader.
	 *
	 * @param runId the run
	 * @param jobId its job
	 * @param epoch the epoch it carries now
	 * @param scheduledAt its instant
	 * @param triggerKind cron, manual, retry, delayed or catchup
	 * @param attempt attempt number
	 */
	record PendingRow(long runId, long jobId, long epoch, long scheduledAt, String triggerKind, int attempt) {
	}

}
