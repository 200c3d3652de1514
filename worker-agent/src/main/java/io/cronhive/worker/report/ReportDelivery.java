package io.cronhive.worker.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.health.Watchdog;
import io.cronhive.common.signing.RequestSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers spooled reports, oldest first, in batches of up to {@link #MAX_BATCH} per request (see
 * {@link ReportSender}), and lets the spool forget each report only once a master answered for it: applied,
 * already applied, or unknown run (retrying cannot help then). Anything else leaves the report in the spool
 * and backs off exponentially. It starts with whatever an earlier life of the agent left in the spool.
 */
public class ReportDelivery implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReportDelivery.class);

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

	/** How long delivery waits after a wake-up for more reports to join the batch. */
	static final Duration GATHER = Duration.ofMillis(150);

	/** Safety net: even without a wake-up, look at the spool this often. */
	private static final Duration IDLE_POLL = Duration.ofSeconds(30);

	/** Reports per request at most: a few hundred make one master transaction of a few milliseconds. */
	static final int MAX_BATCH = 256;

	/**
	 * Estimated size per request at most. Even if JSON escaping made every character six bytes, a request stays
	 * below the 16 MB masters accept.
	 */
	static final long MAX_BATCH_CHARS = 2 * 1024 * 1024;

	private final ReportSpool spool;

	private final ReportSender sender;

	private final Duration backoffMax;

	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Watchdog watchdog;

	ReportDelivery(ReportSpool spool, DiscoveryClient discovery, RequestSigner signer, JsonMapper mapper,
			Duration backoffMax) {
		this.spool = spool;
		this.sender = new ReportSender(discovery, signer, mapper);
		this.backoffMax = backoffMax;
	}

	/** A report was spooled: deliver it now rather than at the next poll. */
	public void wake() {
		this.wakeups.release();
	}

	/** Gives delivery up to {@code timeout} to empty the spool (shutdown); what is left goes out after restart. */
	public boolean awaitEmpty(Duration timeout) throws InterruptedException {
		wake();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.spool.size() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return this.spool.size() == 0;
	}

	@Override
	public void start() {
		this.running = true;
		int pending = this.spool.size();
		if (pending > 0) {
			logger.info("Found {} undelivered report(s) in the spool; delivering", pending);
		}
		this.thread = Thread.ofPlatform().name("report-delivery").daemon().start(this::loop);
		if (this.watchdog != null) {
			this.watchdog.watch("report delivery", this.thread);
		}
	}

	/** Has the watchdog fail the agent if the delivery thread dies: results would stay here for good. */
	public void watchedBy(Watchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null && this.watchdog != null) {
			this.watchdog.release(current);
		}
		if (current != null) {
			current.interrupt();
			try {
				current.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int left = this.spool.size();
		if (left > 0) {
			logger.info("{} report(s) stay in the spool for the next start", left);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Starts before the web server accepts runs and stops after it, so reports of the last runs still go out.
		return DEFAULT_PHASE - 4096;
	}

	private void loop() {
		Duration backoff = INITIAL_BACKOFF;
		while (this.running) {
			try {
				if (deliverPending()) {
					backoff = INITIAL_BACKOFF;
					if (this.wakeups.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
						// Runs that share an instant finish together: wait for the rest of them, so they go out
						// in a few large batches after the burst rather than in many small ones during it.
						Thread.sleep(GATHER.toMillis());
					}
					this.wakeups.drainPermits();
				}
				else {
					Thread.sleep(backoff);
					backoff = min(backoff.multipliedBy(2), this.backoffMax);
				}
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					return;
				}
			}
			catch (RuntimeException ex) {
				logger.error("Report delivery failed unexpectedly; retrying", ex);
			}
		}
	}

	/** @return true when the spool is empty, false when a report must wait for a retry */
	boolean deliverPending() {
		List<Spooled> batch = new ArrayList<>();
		long batchChars = 0;
		for (Path file : this.spool.pending()) {
			if (!this.running) {
				return false;
			}
			List<RunReport> reports;
			try {
				reports = this.spool.read(file);
			}
			catch (IOException ex) {
				logger.warn("Cannot read spooled report file {}: {}", file.getFileName(), ex.toString());
				return false;
			}
			for (RunReport report : reports) {
				long chars = ReportSpool.estimatedChars(report);
				if (!batch.isEmpty() && (batch.size() >= MAX_BATCH || batchChars + chars > MAX_BATCH_CHARS)) {
					if (!send(batch)) {
						return false;
					}
					batch.clear();
					batchChars = 0;
				}
				batch.add(new Spooled(file, report));
				batchChars += chars;
			}
		}
		return batch.isEmpty() || send(batch);
	}

	/** @return true when every report of the batch was acknowledged (and is gone from the spool) */
	private boolean send(List<Spooled> batch) {
		ReportSender.Sent sent = this.sender.send(batch.stream().map(Spooled::report).toList());
		Map<Path, List<Long>> done = new LinkedHashMap<>();
		for (Spooled spooled : batch) {
			if (sent.acknowledged().contains(spooled.report().runId())) {
				done.computeIfAbsent(spooled.file(), (file) -> new ArrayList<>()).add(spooled.report().runId());
			}
		}
		done.forEach(this.spool::acknowledge);
		if (sent.problem() != null) {
			logger.warn("Cannot deliver {} report(s) yet ({}); {} report(s) spooled",
					batch.size() - sent.acknowledged().size(), sent.problem(), this.spool.size());
			return false;
		}
		return true;
	}

	/** A report and the spool file it came from, which learns of its acknowledgement. */
	private record Spooled(Path file, RunReport report) {
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
