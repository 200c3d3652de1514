package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.share.ShareFence;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statements that move runs through {@code run_logs} and mirror them into the jobs' last-run fields.
 * Every transition is a compare-and-set on the state (and, for a leader's writes, the epoch and the lease),
 * so concurrent masters, repeated reports and late replies can never move a run backwards.
 */
@Component
public class RunStore {

	private static final int MESSAGE_MAX = 1024;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	private final RunFinishHook finishHook;

	public RunStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
		this(jdbc, named, RunFinishHook.NONE);
	}

	@Autowired
	public RunStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, RunFinishHook finishHook) {
		this.jdbc = jdbc;
		this.named = named;
		this.finishHook = finishHook;
	}

	/**
	 * The fence right before sending: claimed to dispatched, only under this epoch and only while this holder
	 * holds the run's partition under it. A master that lost the partition waking late and the new holder that
	 * recovered the run cannot both pass it, because recovery moves the run to the new epoch with the same kind
	 * of compare-and-set.
	 */
	public boolean markSending(long runId, String holder, long epoch, long nowMs) {
		return markSending(List.of(runId), holder, epoch, nowMs).contains(runId);
	}

	/**
	 * {@link #markSending} for many runs due at one instant, each under the epoch it was claimed with (they may
	 * belong to many partitions): one statement instead of one per run.
	 * @return the ids that passed the fence
	 */
	@Transactional
	public Set<Long> markSendingAll(Collection<Long> runIds, String holder, long nowMs) {
		return markSending(runIds, holder, null, nowMs);
	}

	private Set<Long> markSending(Collection<Long> runIds, String holder, Long epoch, long nowMs) {
		Set<Long> passed = new HashSet<>();
		String sameEpoch = (epoch != null) ? "AND epoch = :epoch " : "";
		for (List<Long> chunk : chunks(runIds)) {
			Map<String, Object> params = new HashMap<>(Map.of("ids", chunk, "holder", holder, "now", nowMs));
			if (epoch != null) {
				params.put("epoch", epoch);
			}
			int updated = this.named.update("UPDATE run_logs SET state = 'dispatched', dispatched_at = :now "
					+ "WHERE id IN (:ids) AND state = 'claimed' " + sameEpoch + "AND "
					+ ShareFence.heldUnderRowEpoch("run_logs.job_id", "run_logs.epoch", ":holder"), params);
			if (updated > 0) {
				// Only this call moves these ids from claimed to dispatched at this instant.
				passed.addAll(this.named.queryForList("SELECT id FROM run_logs WHERE id IN (:ids) "
						+ "AND state = 'dispatched' AND dispatched_at = :now", params, Long.class));
			}
		}
		return passed;
	}

	/** Up to 500 items a statement: IN lists and CASEs stay far below the drivers' parameter limits. */
	private static <T> List<List<T>> chunks(Collection<T> items) {
		List<T> all = new ArrayList<>(items);
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < all.size(); i += 500) {
			chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
		}
		return chunks;
	}

	/** The run was sent but its acceptance is unknown (no answer in time); a report may still come. */
	public void markUnacknowledged(long runId, String workerName, String workerIp, String workerInstance,
			String message) {
		this.jdbc
			.sql("UPDATE run_logs SET worker_name = ?, worker_ip = ?, worker_instance = ?, message = ? "
					+ "WHERE id = ? AND state = 'dispatched'")
			.params(workerName, workerIp, workerInstance, truncate(message), runId)
			.update();
	}

	/** A worker refused our epoch: give the run back so the current leader recovers it. */
	public boolean returnToClaimed(long runId, long epoch) {
		return this.jdbc
			.sql("UPDATE run_logs SET state = 'claimed', dispatched_at = NULL WHERE id = ? AND state = 'dispatched' "
					+ "AND epoch = ? AND status = ?")
			.params(runId, epoch, RunStatus.UNKNOWN.code())
			.update() == 1;
	}

	/**
	 * Finishes a run the master itself gives up on (no worker, all refused, stuck, skipped) with status error,
	 * result failed and the reason, never silently.
	 * @return whether this call finished it (false when it had finished already)
	 */
	@Transactional
	public boolean finishWithError(long runId, String message, long nowMs) {
		return finishAllWithError(List.of(new Failure(runId, message)), nowMs).contains(runId);
	}

	/**
	 * {@link #finishWithError} for many runs in one transaction (a busy worker refuses a whole instant's runs):
	 * one locking SELECT, one {@link KeyedUpdate} of the runs and one of their jobs' last-run fields, in the lock
	 * order of {@link #applyReports}.
	 * @return the ids of the runs this call finished (not those that had finished already)
	 */
	@Transactional
	public Set<Long> finishAllWithError(List<Failure> failures, long nowMs) {
		Map<Long, Failure> byRun = new TreeMap<>();
		failures.forEach((failure) -> byRun.putIfAbsent(failure.runId(), failure));
		Map<Long, RunRow> rows = selectRuns(byRun.keySet());
		List<Failure> unfinished = byRun.values()
			.stream()
			.filter((f) -> rows.containsKey(f.runId()) && !rows.get(f.runId()).finished())
			.toList();
		Map<Long, Failure> latestByJob = new TreeMap<>();
		for (List<Failure> chunk : chunks(unfinished)) {
			new KeyedUpdate<>("run_logs", "id", chunk, Failure::runId).setConstant("state = 'finished'")
				.set("status", (f) -> RunStatus.ERROR.code())
				.set("result", (f) -> RunOutcome.FAILED.code())
				.set("message", (f) -> truncate(f.message()))
				.set("ended_at", (f) -> nowMs)
				.setConstant("times = CASE WHEN started_at IS NULL THEN NULL ELSE " + nowMs + " - started_at END")
				.where("state <> 'finished'")
				.execute(this.named.getJdbcTemplate());
			// Ascending run ids: the last one put for a job is its highest.
			chunk.forEach((f) -> latestByJob.put(rows.get(f.runId()).jobId(), f));
		}
		for (List<Map.Entry<Long, Failure>> chunk : chunks(latestByJob.entrySet())) {
			new KeyedUpdate<>("jobs", "id", chunk, Map.Entry<Long, Failure>::getKey)
				.set("status", (job) -> RunStatus.ERROR.code())
				.set("result", (job) -> RunOutcome.FAILED.code())
				.set("end_time", (job) -> nowMs)
				.set("last_run_id", (job) -> job.getValue().runId())
				.where("(last_run_id IS NULL OR last_run_id <= ?)", (job) -> job.getValue().runId())
				.execute(this.named.getJdbcTemplate());
		}
		Set<Long> finished = new HashSet<>();
		unfinished.forEach((f) -> finished.add(f.runId()));
		if (!finished.isEmpty()) {
			this.finishHook.finished(finished);
		}
		return finished;
	}

	/**
	 * A run the master gives up on and why.
	 *
	 * @param runId the run
	 * @param message the reason, shown in the run's message
	 */
	public record Failure(long runId, String message) {
	}

	/**
	 * Applies a worker's report once: a repeat finds the run finished and changes nothing. Start and end are
	 * stored as Unix milliseconds, in the run and in the job's last-run fields alike.
	 */
	@Transactional
	public ReportOutcome applyReport(RunReport report) {
		return applyReports(List.of(report)).get(0).outcome();
	}

	/**
	 * {@link #applyReport} for many reports in one transaction: one locking SELECT of the runs, then a
	 * {@link KeyedUpdate} of {@code run_logs} in ascending run id order and one of {@code jobs} in ascending job id order
	 * (the lock order {@link Acceptances} keeps too, so concurrent batches wait rather than deadlock). A job's
	 * last-run fields come from its highest applied run id, under the same guard as a single report.
	 * @return one result per report, in the given order; a run repeated within the batch is already applied
	 * the second time
	 */
	@Transactional
	public List<ReportResult> applyReports(List<RunReport> reports) {
		Map<Long, RunReport> firstByRun = new TreeMap<>();
		for (RunReport report : reports) {
			firstByRun.putIfAbsent(report.runId(), report);
		}
		Map<Long, RunRow> rows = selectRuns(firstByRun.keySet());
		List<RunReport> unfinished = firstByRun.values()
			.stream()
			.filter((r) -> rows.containsKey(r.runId()) && !rows.get(r.runId()).finished())
			.toList();
		finishRuns(unfinished);
		// Locked and unfinished: exactly the runs this call finished.
		Set<Long> applied = new HashSet<>();
		Map<Long, RunReport> latestByJob = new TreeMap<>();
		for (RunReport report : unfinished) {
			applied.add(report.runId());
			// Ascending run ids: the last one put for a job is its highest.
			latestByJob.put(rows.get(report.runId()).jobId(), report);
		}
		updateJobs(latestByJob);
		if (!applied.isEmpty()) {
			this.finishHook.finished(applied);
		}
		List<ReportResult> results = new ArrayList<>(reports.size());
		Set<Long> seen = new HashSet<>();
		for (RunReport report : reports) {
			RunRow row = rows.get(report.runId());
			if (row == null) {
				results.add(new ReportResult(report, ReportOutcome.UNKNOWN_RUN, null, 0));
				continue;
			}
			boolean first = seen.add(report.runId());
			ReportOutcome outcome = (first && applied.contains(report.runId())) ? ReportOutcome.APPLIED
					: ReportOutcome.ALREADY_APPLIED;
			results.add(new ReportResult(report, outcome, row.triggerKind(), row.scheduledAtMs()));
		}
		return results;
	}

	/**
	 * Reads and locks the runs, in ascending id order: until this transaction ends, which of them are finished
	 * cannot change, so the ones found unfinished are exactly the ones it finishes.
	 */
	private Map<Long, RunRow> selectRuns(Collection<Long> runIds) {
		Map<Long, RunRow> rows = new HashMap<>();
		for (List<Long> chunk : chunks(runIds)) {
			this.named.query("SELECT id, job_id, scheduled_at, trigger_kind, state FROM run_logs WHERE id IN (:ids) "
					+ "ORDER BY id FOR UPDATE", Map.of("ids", chunk), (rs) -> {
						long id = rs.getLong(1);
						rows.put(id, new RunRow(rs.getLong(2), rs.getLong(3), rs.getString(4),
								RunState.FINISHED.equals(rs.getString(5))));
					});
		}
		return rows;
	}

	/** Finishes these runs (locked and unfinished, ascending ids), 500 to a statement. */
	private void finishRuns(List<RunReport> unfinished) {
		for (List<RunReport> chunk : chunks(unfinished)) {
			KeyedUpdate.Statement update = new KeyedUpdate<>("run_logs", "id", chunk, RunReport::runId)
				.setConstant("state = 'finished'")
				.set("status", (r) -> r.status().code())
				.set("result", (r) -> r.outcome().code())
				.set("exit_code", RunReport::exitCode)
				.set("output", RunReport::output)
				.set("output_truncated", RunReport::outputTruncated)
				.set("message", (r) -> truncate(r.message()))
				.set("started_at", RunReport::startedAtMs)
				.set("ended_at", RunReport::endedAtMs)
				.set("times", RunReport::durationMs)
				.setIfNull("worker_name", RunReport::workerName)
				.setIfNull("worker_ip", RunReport::workerHost)
				.where("state <> 'finished'");
			int updated = update.execute(this.named.getJdbcTemplate());
			if (updated != chunk.size()) {
				// The rows are locked by selectRuns: anything else is a bug, and half a batch must not commit.
				throw new IllegalStateException("finished " + updated + " of " + chunk.size() + " locked runs");
			}
		}
	}

	private void updateJobs(Map<Long, RunReport> latestByJob) {
		if (latestByJob.isEmpty()) {
			return;
		}
		for (List<Map.Entry<Long, RunReport>> chunk : chunks(latestByJob.entrySet())) {
			KeyedUpdate.Statement update = new KeyedUpdate<>("jobs", "id", chunk, Map.Entry<Long, RunReport>::getKey)
				.set("ip", (job) -> job.getValue().workerHost())
				.set("status", (job) -> job.getValue().status().code())
				.set("times", (job) -> job.getValue().durationMs())
				.set("start_time", (job) -> job.getValue().startedAtMs())
				.set("end_time", (job) -> job.getValue().endedAtMs())
				.set("result", (job) -> job.getValue().outcome().code())
				.set("last_run_id", (job) -> job.getValue().runId())
				// A job whose last run is already a newer one keeps it.
				.where("(last_run_id IS NULL OR last_run_id <= ?)", (job) -> job.getValue().runId());
			update.execute(this.named.getJdbcTemplate());
		}
	}

	/**
	 * Creates one broadcast child of a run being sent, already dispatched, under the parent's epoch and only
	 * while this holder still holds the partition under it; its key {@code bcast:<parentId>:<worker>} makes it
	 * unique.
	 * @return the child's id, or empty when fenced off or created already
	 */
	@Transactional
	public OptionalLong insertBroadcastChild(long parentRunId, String workerKey, String holder, long epoch,
			long nowMs) {
		KeyHolder keys = new GeneratedKeyHolder();
		int inserted = this.jdbc
			.sql("INSERT IGNORE INTO run_logs (job_id, job_uuid, job_name, worker_group_name, cron, type, state, status, "
					+ "username, create_time, scheduled_at, dispatched_at, attempt, epoch, trigger_kind, slot_key, "
					+ "parent_run_id) SELECT job_id, job_uuid, job_name, worker_group_name, cron, type, 'dispatched', 3, "
					+ "username, ?, scheduled_at, ?, attempt, epoch, trigger_kind, ?, id FROM run_logs "
					+ "WHERE id = ? AND epoch = ? AND " + ShareFence.heldAt("run_logs.job_id"))
			.params(nowMs, nowMs, "bcast:" + parentRunId + ":" + workerKey, parentRunId, epoch, holder, epoch)
			.update(keys);
		return (inserted == 1) ? OptionalLong.of(keys.getKey().longValue()) : OptionalLong.empty();
	}

	/** A broadcast parent is done once its children are out; each child carries its own result. */
	public void finishBroadcastParent(long runId, String message, long nowMs) {
		this.jdbc
			.sql("UPDATE run_logs SET state = 'finished', status = ?, result = ?, message = ?, ended_at = ? "
					+ "WHERE id = ? AND state <> 'finished'")
			.params(RunStatus.DONE.code(), RunOutcome.OK.code(), truncate(message), nowMs, runId)
			.update();
	}

	/** A claimed run that must not fire after all (its job was stopped or changed): it never existed. */
	public boolean deleteClaimed(long runId, long epoch) {
		return this.jdbc.sql("DELETE FROM run_logs WHERE id = ? AND state = 'claimed' AND epoch = ?")
			.params(runId, epoch)
			.update() == 1;
	}

	private record RunRow(long jobId, long scheduledAtMs, String triggerKind, boolean finished) {
	}

	static String truncate(String message) {
		if (message == null || message.length() <= MESSAGE_MAX) {
			return message;
		}
		return message.substring(0, MESSAGE_MAX - 1) + "…";
	}

}
