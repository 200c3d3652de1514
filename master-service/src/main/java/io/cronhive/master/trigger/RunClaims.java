package io.cronhive.master.trigger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.cronhive.master.share.Share;
import io.cronhive.master.share.ShareFence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims of runs that already have a row: requested runs (manual, retry, delayed) taken by the holder of their
 * job's partition, and recovery, which moves runs claimed under an older epoch of a partition (a master that
 * died or handed the partition over before sending) to the partition's current epoch. Both are compare-and-sets
 * fenced by the partition's lease, so a run is taken by one master only, and a slow ex-holder's own send fence
 * fails once its run has moved to the new epoch.
 */
@Component
class RunClaims {

	// Bounds one statement's IN list and row locks.
	static final int CHUNK = 500;

	/** The columns of a {@link PendingRow}, as {@link #pending} reads them. */
	private static final String PENDING = "SELECT r.id, r.job_id, r.epoch, r.scheduled_at, r.trigger_kind, r.attempt "
			+ "FROM run_logs r ";

	/** Claimed runs of the partitions a holder holds now (parameter: the holder), with their leases as sp. */
	private static final String CLAIMED_IN_SHARE = PENDING + "JOIN scheduler_partitions sp ON sp.partition_no = "
			+ ShareFence.partitionOf("r.job_id") + " WHERE r.state = 'claimed' AND sp.holder = ? "
			+ "AND sp.expires_at > CURRENT_TIMESTAMP(3) ";

	/** The current epoch of a run's partition while this holder (parameter) holds it, for an UPDATE of run_logs. */
	private static final String HELD_EPOCH = ShareFence.heldEpoch("run_logs.job_id");

	private final JdbcClient jdbc;

	RunClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Runs of the holder's partitions claimed under an epoch older than their partition's. */
	List<PendingRow> orphaned(String holder) {
		return this.jdbc
			.sql(CLAIMED_IN_SHARE + "AND r.epoch < sp.epoch ORDER BY r.scheduled_at")
			.param(holder)
			.query(RunClaims::pending)
			.list();
	}

	/**
	 * Runs claimed under their partition's current epoch, held by this holder, that this term holds no timer
	 * for: a planning round that failed after some of its claims were committed (a deadlock in a later chunk)
	 * left them. Without this they stayed claimed for good, since recovery takes over older epochs only.
	 * @param createdBefore only rows older than this, so a claim being made by a concurrent round is not taken
	 */
	List<PendingRow> unarmed(String holder, Predicate<Long> armed, long createdBefore) {
		return this.jdbc
			.sql(CLAIMED_IN_SHARE + "AND r.epoch = sp.epoch AND r.create_time < ? ORDER BY r.scheduled_at")
			.params(holder, createdBefore)
			.query(RunClaims::pending)
			.list()
			.stream()
			.filter((row) -> !armed.test(row.runId()))
			.toList();
	}

	/**
	 * Moves orphaned runs from their partitions' old epochs to the current ones, a chunk per fenced statement
	 * whatever the partitions: a master finds thousands of them after another dies at a few thousand jobs, and
	 * one statement each made its first round take seconds while those slots went late.
	 * @param share what the holder holds, asked after each statement: a partition taken again meanwhile moves its
	 * runs to its newest epoch, and they are returned under it rather than left behind unarmed
	 * @return the rows now ours, with their new epochs (a row another master took first, that changed state, or
	 * whose partition left meanwhile, is left out)
	 */
	List<PendingRow> takeOver(List<PendingRow> rows, String holder, Supplier<Share> share) {
		List<PendingRow> taken = new ArrayList<>(rows.size());
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<PendingRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			List<Long> ids = chunk.stream().map(PendingRow::runId).toList();
			List<Object> params = new ArrayList<>(ids.size() + 2);
			params.add(holder);
			params.addAll(ids);
			params.add(holder);
			int moved = this.jdbc
				.sql("UPDATE run_logs SET epoch = " + HELD_EPOCH + " WHERE id IN (" + marks(ids.size())
						+ ") AND state = 'claimed' AND run_logs.epoch < " + HELD_EPOCH)
				.params(params)
				.update();
			if (moved == 0) {
				continue;
			}
			Share now = share.get();
			this.jdbc.sql(PENDING + "WHERE r.id IN (" + marks(ids.size()) + ") AND r.state = 'claimed'")
				.params(ids)
				.query(RunClaims::pending)
				.list()
				.stream()
				.filter((row) -> now.holds(row.jobId(), row.epoch()))
				.sorted(Comparator.comparingLong(PendingRow::scheduledAt))
				.forEach(taken::add);
		}
		return taken;
	}

	/**
	 * Withdraws claims still held by this holder under their partitions' epochs (late slots that go to the
	 * misfire policy instead), a chunk per statement.
	 * @return the runs withdrawn; a run that left the claimed state or the holder meanwhile stays
	 */
	Set<Long> withdraw(List<Long> runIds, String holder) {
		String held = "state = 'claimed' AND " + ShareFence.heldUnderRowEpoch("run_logs.job_id", "run_logs.epoch");
		Set<Long> withdrawn = new HashSet<>(runIds.size());
		for (int from = 0; from < runIds.size(); from += CHUNK) {
			List<Long> ids = new ArrayList<>(
					idsWhere(runIds.subList(from, Math.min(runIds.size(), from + CHUNK)), held, holder));
			if (ids.isEmpty()) {
				continue;
			}
			List<Object> params = new ArrayList<>(ids);
			params.add(holder);
			int deleted = this.jdbc
				.sql("DELETE FROM run_logs WHERE id IN (" + marks(ids.size()) + ") AND " + held)
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
		return new HashSet<>(this.jdbc.sql("SELECT id FROM run_logs WHERE id IN (" + marks(ids.size()) + ") AND "
				+ condition)
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

	/** Requested runs of the share's jobs due by {@code horizon}. */
	List<PendingRow> requested(long horizon, Share share) {
		return this.jdbc
			.sql(PENDING + "WHERE r.state = 'requested' AND r.scheduled_at <= :horizon"
					+ ScheduleStore.inShare("r.job_id", share) + " ORDER BY r.scheduled_at")
			.param("horizon", horizon)
			.params(ScheduleStore.shareParams(share))
			.query(RunClaims::pending)
			.list();
	}

	/** Claims one requested run under the epoch its partition is held by this holder. */
	boolean claimRequested(PendingRow row, String holder, long epoch) {
		return this.jdbc
			.sql("UPDATE run_logs SET state = 'claimed', epoch = ? WHERE id = ? AND state = 'requested' AND "
					+ ShareFence.heldAt("run_logs.job_id"))
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
