package io.cronhive.master.trigger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

	// Bounds one statement's IN list and row locks.
	static final int CHUNK = 500;

	/** The columns of a {@link PendingRow}, as {@link #pending} reads them. */
	private static final String PENDING = "SELECT id, job_id, epoch, scheduled_at, trigger_kind, attempt FROM run_logs ";

	private final JdbcClient jdbc;

	RunClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Runs claimed under an epoch older than {@code epoch}. */
	List<PendingRow> orphaned(long epoch) {
		return this.jdbc
			.sql(PENDING + "WHERE state = 'claimed' AND epoch < ? ORDER BY scheduled_at")
			.param(epoch)
			.query(RunClaims::pending)
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
			.sql(PENDING + "WHERE state = 'claimed' AND epoch = ? AND create_time < ? ORDER BY scheduled_at")
			.params(epoch, createdBefore)
			.query(RunClaims::pending)
			.list()
			.stream()
			.filter((row) -> !armed.test(row.runId()))
			.toList();
	}

	/**
	 * Moves orphaned runs from their dead epochs to ours, a chunk per fenced statement: a new leader finds
	 * thousands of them after a kill at a few thousand jobs, and one statement each made its first round take
	 * seconds while those slots went late.
	 * @return the rows now ours (a row another leader took first, or that changed state, is left out)
	 */
	List<PendingRow> takeOver(List<PendingRow> rows, String holder, long epoch) {
		List<PendingRow> taken = new ArrayList<>(rows.size());
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<PendingRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			List<Long> ids = chunk.stream().map(PendingRow::runId).toList();
			List<Object> params = new ArrayList<>(ids.size() + 4);
			params.add(epoch);
			params.addAll(ids);
			params.addAll(List.of(epoch, holder, epoch));
			int moved = this.jdbc
				.sql("UPDATE run_logs SET epoch = ? WHERE id IN (" + marks(ids.size())
						+ ") AND state = 'claimed' AND epoch < ? AND " + LeaderLease.FENCE)
				.params(params)
				.update();
			if (moved == chunk.size()) {
				taken.addAll(chunk);
			}
			else if (moved > 0) {
				Set<Long> ours = idsWhere(ids, "state = 'claimed' AND epoch = ?", epoch);
				chunk.stream().filter((row) -> ours.contains(row.runId())).forEach(taken::add);
			}
		}
		return taken;
	}

	/**
	 * Withdraws claims of this epoch (late slots that go to the misfire policy instead), a chunk per statement.
	 * @return the runs withdrawn; a run that left the claimed state meanwhile stays
	 */
	Set<Long> withdraw(List<Long> runIds, long epoch) {
		Set<Long> withdrawn = new HashSet<>(runIds.size());
		for (int from = 0; from < runIds.size(); from += CHUNK) {
			List<Long> ids = new ArrayList<>(
					idsWhere(runIds.subList(from, Math.min(runIds.size(), from + CHUNK)), "state = 'claimed' AND epoch = ?", epoch));
			if (ids.isEmpty()) {
				continue;
			}
			List<Object> params = new ArrayList<>(ids);
			params.add(epoch);
			int deleted = this.jdbc
				.sql("DELETE FROM run_logs WHERE id IN (" + marks(ids.size()) + ") AND state = 'claimed' AND epoch = ?")
				.params(params)
				.update();
			if (deleted == ids.size()) {
				withdrawn.addAll(ids);
			}
			else {
				Set<Long> remaining = idsWhere(ids, "TRUE");
				ids.stream().filter((id) -> !remaining.contains(id)).forEach(withdrawn::add);
			}
		}
		return withdrawn;
	}

	private Set<Long> idsWhere(List<Long> ids, String condition, Object... values) {
		List<Object> params = new ArrayList<>(ids);
		params.addAll(List.of(values));
		return new HashSet<>(this.jdbc.sql("SELECT id FROM run_logs WHERE id IN (" + marks(ids.size()) + ") AND " + condition)
			.params(params)
			.query(Long.class)
			.list());
	}

	private static PendingRow pending(ResultSet rs, int row) throws SQLException {
		return new PendingRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6));
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** Requested runs due by {@code horizon}. */
	List<PendingRow> requested(long horizon) {
		return this.jdbc
			.sql(PENDING + "WHERE state = 'requested' AND scheduled_at <= ? ORDER BY scheduled_at")
			.param(horizon)
			.query(RunClaims::pending)
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
