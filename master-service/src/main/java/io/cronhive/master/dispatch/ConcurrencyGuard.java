package io.cronhive.master.dispatch;

import java.util.List;

import io.cronhive.master.run.ClaimedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job's concurrency policy (column {@code concurrency}) applied right before a run is sent: {@code allow}
 * overlapping runs, {@code skip} this run while an earlier one is in flight, or {@code replace} it (the
 * earlier run is killed on its worker first). Only skip and replace cost a query.
 */
class ConcurrencyGuard {

	private static final Logger logger = LoggerFactory.getLogger(ConcurrencyGuard.class);

	private final JdbcClient jdbc;

	private final WorkerCalls calls;

	ConcurrencyGuard(JdbcClient jdbc, WorkerCalls calls) {
		this.jdbc = jdbc;
		this.calls = calls;
	}

	/** Null when the run may go; otherwise why it is skipped. */
	String admit(ClaimedRun run, List<WorkerInstance> online) {
		String policy = run.job().concurrency();
		if (!"skip".equals(policy) && !"replace".equals(policy)) {
			return null;
		}
		List<InFlight> running = this.jdbc
			.sql("SELECT id, worker_instance FROM run_logs WHERE job_id = ? AND state = 'dispatched' AND id <> ? "
					+ "AND (parent_run_id IS NULL OR parent_run_id <> ?)")
			.params(run.job().id(), run.runId(), run.runId())
			.query((rs, i) -> new InFlight(rs.getLong(1), rs.getString(2)))
			.list();
		if (running.isEmpty()) {
			return null;
		}
		if ("skip".equals(policy)) {
			return "skipped: run " + running.get(0).runId() + " of this job is still running (concurrency skip)";
		}
		for (InFlight previous : running) {
			online.stream()
				.filter((w) -> w.instanceId().equals(previous.workerInstance()))
				.findFirst()
				.ifPresentOrElse((worker) -> {
					CallResult result = this.calls.kill(worker, previous.runId(),
							"replaced by run " + run.runId());
					logger.info("Run {} replaces run {} on {}: kill {}", run.runId(), previous.runId(),
							worker.workerName(), result.detail());
				}, () -> logger.info("Run {} replaces run {}, whose worker is not online", run.runId(),
						previous.runId()));
		}
		return null;
	}

	private record InFlight(long runId, String workerInstance) {
	}

}
