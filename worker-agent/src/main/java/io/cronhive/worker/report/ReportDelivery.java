package io.cronhive.worker.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.worker.channel.SigningInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Delivers spooled reports to any master-service instance found in the registry, oldest first, and deletes
 * each only when a master answered 200 (applied or already applied) or 404 (the run is unknown to the
 * cluster, so retrying cannot help). Anything else leaves the report in the spool and backs off
 * exponentially. It starts with whatever an earlier life of the agent left in the spool.
 */
public class ReportDelivery implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReportDelivery.class);

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

	/** Safety net: even without a wake-up, look at the spool this often. */
	private static final Duration IDLE_POLL = Duration.ofSeconds(30);

	private final ReportSpool spool;

	private final DiscoveryClient discovery;

	private final JsonMapper mapper;

	private final Duration backoffMax;

	private final RestClient client;

	private final Semaphore wakeups = new Semaphore(0);

	private final AtomicInteger nextInstance = new AtomicInteger();

	private volatile boolean running;

	private volatile Thread thread;

	ReportDelivery(ReportSpool spool, DiscoveryClient discovery, RequestSigner signer, JsonMapper mapper,
			Duration backoffMax) {
		this.spool = spool;
		this.discovery = discovery;
		this.mapper = mapper;
		this.backoffMax = backoffMax;
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		this.client = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor(new SigningInterceptor(signer))
			.build();
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
	}

	@Override
	public void stop() {
		this.running = false;
		Thread current = this.thread;
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
					this.wakeups.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
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
		List<Path> files = this.spool.pending();
		for (Path file : files) {
			if (!this.running) {
				return false;
			}
			try {
				RunReport report = this.spool.read(file);
				if (report == null) {
					continue;
				}
				String problem = deliver(report);
				if (problem != null) {
					logger.warn("Cannot deliver the report of run {} yet ({}); {} report(s) spooled", report.runId(),
							problem, files.size());
					return false;
				}
				this.spool.delete(file);
			}
			catch (IOException ex) {
				logger.warn("Cannot read spooled report {}: {}", file.getFileName(), ex.toString());
				return false;
			}
		}
		return true;
	}

	/** @return null when a master took the report (or does not know the run), else why not */
	private String deliver(RunReport report) {
		List<ServiceInstance> masters;
		try {
			masters = this.discovery.getInstances(MasterPaths.SERVICE_NAME);
		}
		catch (RuntimeException ex) {
			return "registry unavailable: " + ex.getMessage();
		}
		if (masters.isEmpty()) {
			return "no " + MasterPaths.SERVICE_NAME + " instance registered";
		}
		byte[] body = this.mapper.writeValueAsBytes(report);
		int first = Math.floorMod(this.nextInstance.getAndIncrement(), masters.size());
		String problem = null;
		for (int i = 0; i < masters.size(); i++) {
			URI base = masters.get((first + i) % masters.size()).getUri();
			try {
				int status = this.client.post()
					.uri(base.resolve(MasterPaths.RUN_REPORTS))
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.retrieve()
					.onStatus(s -> true, (request, response) -> {
					})
					.toBodilessEntity()
					.getStatusCode()
					.value();
				if (status >= 200 && status < 300) {
					logger.info("Reported run {} ({}) to {}", report.runId(), report.status().wireName(), base);
					return null;
				}
				if (status == 404) {
					logger.warn("Master {} does not know run {}; dropped its report", base, report.runId());
					return null;
				}
				problem = (status == 401) ? base + " refused our signature (is CRONHIVE_CLUSTER_SECRET the same?)"
						: base + " answered " + status;
			}
			catch (RuntimeException ex) {
				problem = base + ": " + ex.getMessage();
			}
		}
		return problem;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
