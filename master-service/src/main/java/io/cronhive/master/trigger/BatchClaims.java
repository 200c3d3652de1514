package io.cronhive.master.trigger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cronhive.master.share.PartitionLeases;
import io.cronhive.master.share.Share;
import io.cronhive.master.share.ShareFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The slot claim. Per job, one compare-and-set advances {@code job_schedules.next_fire_at} (checked against
 * the value and revision the planner read) past this round's slots, and each slot is inserted as a run under
 * the unique key {@code cron:<jobId>:<fireMs>} carrying the epoch of the job's partition; the advance is
 * refused unless this holder still holds that partition, and only advanced jobs get rows. Whichever of two
 * masters comes second (a partition handed over in the middle of a slot) finds the schedule moved, the key
 * taken or the partition gone, and claims nothing. Many jobs share one transaction, because a commit per slot
 * cannot keep up with thousands of slots a second on a database that syncs every commit; if this holder turns
 * out to hold nothing any more, nothing of the transaction is kept.
 */
@Component
class BatchClaims {

	private static final Logger logger = LoggerFactory.getLogger(BatchClaims.class);

	private static final String ADVANCE = "UPDATE job_schedules SET next_fire_at = ? WHERE job_id = ? AND revision = ? "
			+ "AND scheduled = TRUE AND next_fire_at = ? AND " + ShareFence.heldBy("job_schedules.job_id");

	private static final String ADVANCE_FROM_NULL = "UPDATE job_schedules SET next_fire_at = ? WHERE job_id = ? "
			+ "AND revision = ? AND scheduled = TRUE AND next_fire_at IS NULL AND " + ShareFence.heldBy("job_schedules.job_id");

	// A plain VALUES insert, so MySQL's connector sends a whole chunk as one multi-row statement. It needs no
	// fence of its own: only jobs whose fenced advance passed in this transaction get rows, and a claim made
	// just before a handover carries the old epoch, which the partition's next holder's recovery takes over.
	private static final String INSERT = "INSERT IGNORE INTO run_logs (job_id, job_uuid, job_name, "
			+ "worker_group_name, cron, type, state, status, username, create_time, scheduled_at, attempt, epoch, "
			+ "trigger_kind, slot_key) VALUES (?, ?, ?, ?, ?, ?, 'claimed', 3, ?, ?, ?, 1, ?, ?, ?)";

	// Bounds one transaction's row locks and the IN list that reads the new ids back.
	static final int CHUNK = 250;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate transactions;

	private final PartitionLeases leases;

	BatchClaims(JdbcTemplate jdbc, TransactionTemplate transactions, PartitionLeases leases) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.transactions = transactions;
		this.leases = leases;
	}

	/**
	 * Claims every slot of every job given, in chunks of {@link #CHUNK} jobs per transaction.
	 * @param share what the holder holds: each run carries its partition's epoch; jobs outside it are left out
	 * @return the new run id of each claimed slot, by slot key; jobs whose schedule or partition moved are absent
	 */
	Map<String, Long> claimAll(List<JobClaim> unordered, String holder, Share share, long now) {
		// Rows locked in job id order, as admin-service locks them to start or stop jobs: no deadlock cycle.
		List<JobClaim> claims = unordered.stream()
			.filter((claim) -> share.epochOf(claim.job().job().id()).isPresent())
			.sorted(Comparator.comparingLong((JobClaim claim) -> claim.job().job().id()))
			.toList();
		Map<String, Long> claimed = new HashMap<>();
		for (int from = 0; from < claims.size(); from += CHUNK) {
			List<JobClaim> chunk = claims.subList(from, Math.min(claims.size(), from + CHUNK));
			Map<String, Long> ids;
			try {
				ids = this.transactions.execute((tx) -> {
					Map<String, Long> result = claimChunk(chunk, holder, share, now, tx);
					if (result == null) {
						tx.setRollbackOnly();
					}
					return result;
				});
			}
			catch (RuntimeException ex) {
				// A deadlock with admin-service starting or stopping jobs, or the database going away: this chunk
				// rolled back (its jobs are planned again next round), but the chunks before it are committed
				// and must be armed, not left claimed with nobody to fire them.
				logger.warn("Claiming slots of {} job(s) failed, from job {}; they are planned again next round: {}",
						chunk.size(), chunk.get(0).job().job().id(), ex.toString());
				break;
			}
			if (ids == null) {
				// Every partition is gone: stop claiming; nothing of this chunk was kept.
				break;
			}
			claimed.putAll(ids);
		}
		return claimed;
	}

	private Map<String, Long> claimChunk(List<JobClaim> chunk, String holder, Share share, long now,
			TransactionStatus tx) {
		List<JobClaim> advanced = new ArrayList<>();
		advance(chunk.stream().filter((c) -> c.expectedNext() != null).toList(), true, holder, advanced, tx);
		advance(chunk.stream().filter((c) -> c.expectedNext() == null).toList(), false, holder, advanced, tx);
		if (advanced.isEmpty() && this.leases.held(holder).isEmpty()) {
			return null;
		}
		List<Object[]> rows = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (JobClaim claim : advanced) {
			var job = claim.job().job();
			for (SlotPlan.Slot slot : claim.slots()) {
				String key = ScheduleStore.slotKey(job.id(), slot.scheduledAtMs());
				keys.add(key);
				rows.add(new Object[] { job.id(), job.uuid(), job.name(), job.groupName(), job.cron(),
						job.type().wireName(), job.username(), now, slot.scheduledAtMs(),
						share.epochOf(job.id()).getAsLong(), slot.kind(), key });
			}
		}
		if (rows.isEmpty()) {
			return Map.of();
		}
		this.jdbc.batchUpdate(INSERT, rows);
		Map<String, Long> ids = new HashMap<>();
		// The keys are unique and only this transaction advanced their jobs: they are this claim's rows.
		this.named.query("SELECT id, slot_key FROM run_logs WHERE state = 'claimed' AND create_time = :now "
				+ "AND slot_key IN (:keys)", Map.of("now", now, "keys", keys),
				(rs) -> {
					ids.put(rs.getString(2), rs.getLong(1));
				});
		return ids;
	}

	/**
	 * Advances the schedules of these jobs. Usually every compare-and-set holds, so one set-based statement is
	 * tried first (a statement per job is most of a round's time at a thousand jobs); when any row fails its
	 * check, that statement is undone and each job is advanced on its own to learn which ones moved.
	 */
	private void advance(List<JobClaim> claims, boolean withExpected, String holder, List<JobClaim> advanced,
			TransactionStatus tx) {
		if (claims.isEmpty()) {
			return;
		}
		if (claims.size() > 1) {
			Object savepoint = tx.createSavepoint();
			if (advanceAll(claims, withExpected, holder) == claims.size()) {
				tx.releaseSavepoint(savepoint);
				advanced.addAll(claims);
				return;
			}
			tx.rollbackToSavepoint(savepoint);
		}
		String sql = withExpected ? ADVANCE : ADVANCE_FROM_NULL;
		int[][] counts = this.jdbc.batchUpdate(sql, claims, claims.size(), (PreparedStatement ps, JobClaim claim) -> {
			setAdvance(ps, claim, withExpected, holder);
		});
		for (int i = 0; i < claims.size(); i++) {
			if (counts[0][i] == 1) {
				advanced.add(claims.get(i));
			}
		}
	}

	/** One statement for all the jobs: {@code CASE} gives each its new next fire, the row list its checks. */
	private int advanceAll(List<JobClaim> claims, boolean withExpected, String holder) {
		StringBuilder sql = new StringBuilder("UPDATE job_schedules SET next_fire_at = CASE job_id");
		List<Object> args = new ArrayList<>(claims.size() * 6 + 2);
		for (JobClaim claim : claims) {
			sql.append(" WHEN ? THEN ?");
			args.add(claim.job().job().id());
			args.add(claim.newNext());
		}
		sql.append(" END WHERE scheduled = TRUE AND job_id IN (");
		for (int i = 0; i < claims.size(); i++) {
			sql.append((i == 0) ? "?" : ", ?");
			args.add(claims.get(i).job().job().id());
		}
		sql.append(withExpected ? ") AND (job_id, revision, next_fire_at) IN (" : ") AND next_fire_at IS NULL "
				+ "AND (job_id, revision) IN (");
		for (int i = 0; i < claims.size(); i++) {
			JobClaim claim = claims.get(i);
			sql.append((i == 0) ? "" : ", ").append(withExpected ? "(?, ?, ?)" : "(?, ?)");
			args.add(claim.job().job().id());
			args.add(claim.job().revision());
			if (withExpected) {
				args.add(claim.expectedNext());
			}
		}
		sql.append(") AND ").append(ShareFence.heldBy("job_schedules.job_id"));
		args.add(holder);
		return this.jdbc.update(sql.toString(), args.toArray());
	}

	private static void setAdvance(PreparedStatement ps, JobClaim claim, boolean withExpected, String holder)
			throws SQLException {
		int i = 1;
		ps.setLong(i++, claim.newNext());
		ps.setLong(i++, claim.job().job().id());
		ps.setLong(i++, claim.job().revision());
		if (withExpected) {
			ps.setLong(i++, claim.expectedNext());
		}
		ps.setString(i, holder);
	}

	/**
	 * One job's claims in a round.
	 *
	 * @param job the job as loaded
	 * @param expectedNext its next_fire_at as loaded (null: not yet planned)
	 * @param newNext its next_fire_at after this round
	 * @param slots the slots to insert (may be empty: the schedule only moves)
	 */
	record JobClaim(ScheduledJob job, Long expectedNext, long newNext, List<SlotPlan.Slot> slots) {
	}

}
