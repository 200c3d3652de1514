package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.List;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The leader's supervision queries over runs in flight: operators' kill requests and runs that will never be
 * reported (unacknowledged, far beyond their timeout). Kept apart from {@link RunStore}'s per-run transitions.
 */
@Component
public class SupervisedRuns {

	/**
	 * Kill requests are polled four times a second and are rare: read through their own index. Named, and as a
	 * range rather than IS NOT NULL, because H2 otherwise walks every run of the state instead (or the table).
	 */
	private static final String BY_KILL_REQUEST = "USE INDEX (ix_run_logs_kill) WHERE kill_requested_at > 0 ";

	private final JdbcClient jdbc;

	public SupervisedRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Dispatched runs an operator asked to kill that were not yet forwarded to their worker. A run whose
	 * acceptance is not recorded yet (its worker unknown here for up to a second) waits for the next round.
	 */
	public List<KillOrder> pendingKills() {
		return this.jdbc
			.sql("SELECT id, job_id, worker_instance FROM run_logs " + BY_KILL_REQUEST + "AND state = 'dispatched' "
					+ "AND kill_sent_at IS NULL AND worker_instance IS NOT NULL")
			.query((rs, i) -> new KillOrder(rs.getLong(1), rs.getLong(2), rs.getString(3), "killed by an operator"))
			.list();
	}

	/** Records that the kill went out, so it is sent once. */
	public void markKillSent(long runId, long nowMs) {
		this.jdbc.sql("UPDATE run_logs SET kill_sent_at = ? WHERE id = ? AND kill_sent_at IS NULL")
			.params(nowMs, runId)
			.update();
	}

	/**
	 * Kill requests for runs not yet sent (requested or claimed) finish them at once: the send fence then
	 * finds them no longer claimed, so they never reach a worker.
	 */
	@Transactional
	public List<Long> cancelUnsentKilled(long nowMs) {
		List<long[]> rows = this.jdbc
			.sql("SELECT id, job_id FROM run_logs " + BY_KILL_REQUEST + "AND state IN ('requested', 'claimed')")
			.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		List<Long> cancelled = new ArrayList<>();
		for (long[] row : rows) {
			int updated = this.jdbc
				.sql("UPDATE run_logs SET state = 'finished', status = ?, result = ?, message = ?, ended_at = ?, "
						+ "kill_sent_at = ? WHERE id = ? AND state IN ('requested', 'claimed')")
				.params(RunStatus.ERROR.code(), RunOutcome.FAILED.code(), "killed by an operator before it was sent",
						nowMs, nowMs, row[0])
				.update();
			if (updated == 1) {
				cancelled.add(row[0]);
			}
		}
		return cancelled;
	}

	/**
	 * Dispatched runs nobody will report on any more: never handed to a worker (the sender died between the
	 * send fence and the call) for {@code undeliveredMs}; running beyond their timeout plus {@code graceMs};
	 * or, without a timeout, running longer than {@code unboundedMs}.
	 */
	public List<KillOrder> stuckRuns(long nowMs, long undeliveredMs, long graceMs, long unboundedMs) {
		return this.jdbc
			// Every branch needs the run older than one of the limits, so the (state, dispatched_at) index leaves
			// only runs older than the shortest: none, usually, rather than every run in flight.
			.sql("SELECT r.id, r.job_id, r.worker_instance, r.status, j.timeout_ms FROM run_logs r "
					+ "LEFT JOIN jobs j ON j.id = r.job_id WHERE r.state = 'dispatched' AND r.dispatched_at < ? "
					+ "AND ((r.status = 3 AND r.worker_instance IS NULL AND r.dispatched_at < ?) "
					+ "OR (j.timeout_ms > 0 AND r.dispatched_at + j.timeout_ms + ? < ?) "
					+ "OR ((j.timeout_ms IS NULL OR j.timeout_ms = 0) AND r.dispatched_at < ?))")
			.params(nowMs - Math.min(undeliveredMs, Math.min(graceMs, unboundedMs)), nowMs - undeliveredMs, graceMs,
					nowMs, nowMs - unboundedMs)
			.query((rs, i) -> {
				boolean unacknowledged = rs.getInt(4) == RunStatus.UNKNOWN.code() && rs.getString(3) == null;
				long timeout = rs.getLong(5);
				String why = unacknowledged ? "the master that sent it stopped before any worker had it"
						: (timeout > 0) ? "timed out: no report " + (graceMs / 1000) + " s after its " + timeout
								+ " ms timeout" : "no report after " + (unboundedMs / 1000) + " s";
				return new KillOrder(rs.getLong(1), rs.getLong(2), rs.getString(3), why);
			})
			.list();
	}

	/**
	 * A run to stop on its worker.
	 *
	 * @param runId the run
	 * @param jobId its job
	 * @param workerInstance the registry instance it was sent to, or null
	 * @param reason why
	 */
	public record KillOrder(long runId, long jobId, String workerInstance, String reason) {
	}

}
