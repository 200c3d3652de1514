package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.job.RunStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records workers' acceptances (run running on worker X; the job's last run is this one) in batches: at
 * thousands of runs a second a transaction per acceptance would be most of the database's work, and nothing
 * waits for this write. Each acceptance is held for {@link #SETTLE_MS} first: most runs have finished and been
 * reported by then, and a finished run is left alone, so short runs cost no acceptance writes at all.
 */
@Component
public class Acceptances {

	private static final Logger logger = LoggerFactory.getLogger(Acceptances.class);

	private static final int MAX_BATCH = 500;

	private static final int ATTEMPTS = 3;

	/** How long an acceptance waits before it is written; the report of a shorter run makes it moot. */
	static final long SETTLE_MS = 1000;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Accepted> queue = new LinkedBlockingQueue<>();

	/** The queued acceptances still to write, by run id. */
	private final Map<Long, Accepted> pending = new ConcurrentHashMap<>();

	private final Thread writer;

	Acceptances(NamedParameterJdbcTemplate named, TransactionTemplate transactions) {
		this.named = named;
		this.transactions = transactions;
		this.writer = Thread.ofPlatform().name("acceptance-writer").daemon().start(this::writeLoop);
	}

	/** Queues one acceptance; written after {@link #SETTLE_MS} unless the run's report came first. */
	public void accepted(long runId, long jobId, String workerName, String workerIp, String workerInstance,
			long nowMs) {
		Accepted accepted = new Accepted(runId, jobId, workerName, workerIp, workerInstance, nowMs);
		this.pending.put(runId, accepted);
		this.queue.add(accepted);
	}

	/**
	 * Forgets the acceptances of runs whose reports this replica has applied: writing them would change nothing,
	 * since a finished run is left alone, but would still cost a statement per run.
	 */
	public void settled(Collection<Long> runIds) {
		for (Long runId : runIds) {
			this.pending.remove(runId);
		}
	}

	private void writeLoop() {
		List<Accepted> batch = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Accepted first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				long wait = first.atMs() + SETTLE_MS - System.currentTimeMillis();
				if (wait > 0) {
					Thread.sleep(wait);
				}
				batch.add(first);
				long cutoff = System.currentTimeMillis() - SETTLE_MS;
				// One consumer: what peek shows is what poll takes.
				for (Accepted next = this.queue.peek(); next != null && next.atMs() <= cutoff
						&& batch.size() < MAX_BATCH; next = this.queue.peek()) {
					batch.add(this.queue.poll());
				}
				// Reports applied meanwhile have taken theirs out of the pending map.
				batch.removeIf((a) -> this.pending.remove(a.runId()) == null);
				if (!batch.isEmpty()) {
					write(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Accepted> batch) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				this.transactions.executeWithoutResult((tx) -> writeInTransaction(batch));
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == ATTEMPTS) {
					logger.warn("Recording {} acceptance(s) failed {} times; those runs show as dispatched until "
							+ "their reports arrive: {}", batch.size(), ATTEMPTS, ex.toString());
				}
				else if (ex instanceof PessimisticLockingFailureException) {
					// A deadlock with a report or a claim touching the same rows: InnoDB rolled this one back,
					// and the next attempt normally goes through, so it is not worth a warning.
					logger.info("Recording {} acceptance(s) met a lock conflict; retrying (attempt {} of {})",
							batch.size(), attempt, ATTEMPTS);
				}
				else {
					logger.warn("Recording {} acceptance(s) failed (attempt {} of {}): {}", batch.size(), attempt,
							ATTEMPTS, ex.toString());
				}
			}
		}
	}

	private void writeInTransaction(List<Accepted> batch) {
		List<Accepted> sorted = new ArrayList<>(batch);
		// Ascending run ids, then ascending job ids: the lock order RunStore.applyReports keeps too.
		sorted.sort(Comparator.comparingLong(Accepted::runId));
		Set<Long> dispatched = new HashSet<>(this.named.queryForList("SELECT id FROM run_logs WHERE id IN (:ids) "
				+ "AND state = 'dispatched' ORDER BY id FOR UPDATE",
				Map.of("ids", sorted.stream().map(Accepted::runId).toList()), Long.class));
		List<Accepted> running = sorted.stream().filter((a) -> dispatched.contains(a.runId())).toList();
		if (running.isEmpty()) {
			return;
		}
		KeyedUpdate.Statement runs = new KeyedUpdate<>("run_logs", "id", running, Accepted::runId)
			.setConstant("status = " + RunStatus.RUNNING.code())
			.set("worker_name", Accepted::workerName)
			.set("worker_ip", Accepted::workerIp)
			.set("worker_instance", Accepted::workerInstance)
			.setConstant("message = NULL")
			.where("state = 'dispatched'");
		runs.execute(this.named.getJdbcTemplate());
		Map<Long, Accepted> latestByJob = new TreeMap<>();
		for (Accepted accepted : running) {
			latestByJob.put(accepted.jobId(), accepted);
		}
		KeyedUpdate.Statement jobs = new KeyedUpdate<>("jobs", "id", List.copyOf(latestByJob.values()), Accepted::jobId)
			.set("ip", Accepted::workerIp)
			.setConstant("status = " + RunStatus.RUNNING.code())
			.set("start_time", Accepted::atMs)
			.setConstant("end_time = NULL, times = NULL, result = NULL")
			.set("last_run_id", Accepted::runId)
			// A job whose last run is already a newer one keeps it.
			.where("(last_run_id IS NULL OR last_run_id <= ?)", Accepted::runId);
		jobs.execute(this.named.getJdbcTemplate());
	}

	@PreDestroy
	void stop() {
		this.writer.interrupt();
	}

	private record Accepted(long runId, long jobId, String workerName, String workerIp, String workerInstance,
			long atMs) {
	}

}
