package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.job.RunStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Accepted> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	Acceptances(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.writer = Thread.ofPlatform().name("acceptance-writer").daemon().start(this::writeLoop);
	}

	/** Queues one acceptance; written within milliseconds. */
	public void accepted(long runId, long jobId, String workerName, String workerIp, String workerInstance,
			long nowMs) {
		this.queue.add(new Accepted(runId, jobId, workerName, workerIp, workerInstance, nowMs));
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
				write(batch);
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
				logger.warn("Recording {} acceptance(s) failed (attempt {} of {}): {}", batch.size(), attempt, ATTEMPTS,
						ex.toString());
			}
		}
	}

	private void writeInTransaction(List<Accepted> batch) {
		int[][] runs = this.jdbc.batchUpdate(
				"UPDATE run_logs SET status = ?, worker_name = ?, worker_ip = ?, worker_instance = ?, message = NULL "
						+ "WHERE id = ? AND state = 'dispatched'",
				batch, batch.size(), (ps, a) -> {
					ps.setInt(1, RunStatus.RUNNING.code());
					ps.setString(2, a.workerName());
					ps.setString(3, a.workerIp());
					ps.setString(4, a.workerInstance());
					ps.setLong(5, a.runId());
				});
		List<Accepted> running = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (runs[0][i] == 1) {
				running.add(batch.get(i));
			}
		}
		if (running.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("UPDATE jobs SET ip = ?, status = ?, start_time = ?, end_time = NULL, times = NULL, "
				+ "result = NULL, last_run_id = ? WHERE id = ? AND (last_run_id IS NULL OR last_run_id <= ?)",
				running, running.size(), (ps, a) -> {
					ps.setString(1, a.workerIp());
					ps.setInt(2, RunStatus.RUNNING.code());
					ps.setLong(3, a.atMs());
					ps.setLong(4, a.runId());
					ps.setLong(5, a.jobId());
					ps.setLong(6, a.runId());
				});
	}

	@PreDestroy
	void stop() {
		this.writer.interrupt();
	}

	private record Accepted(long runId, long jobId, String workerName, String workerIp, String workerInstance,
			long atMs) {
	}

}
