package io.cronhive.master.dispatch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This master's own view of each worker instance, one circuit breaker per instance. The registry may list a
 * dead worker for twice its lease (12 s with a 6 s lease, as Eureka counts it), so a master must not wait for
 * it: a refused connection takes the worker out of the rotation at once (nothing listens there: the one
 * certain sign), two failed dispatches of other kinds do too, and a prober knocks at an excluded worker's port
 * every {@value #PROBE_INTERVAL_MS} ms and brings it back as soon as it answers.
 */
final class WorkerHealth implements AutoCloseable {

	static final int PROBE_INTERVAL_MS = 500;

	private static final int PROBE_TIMEOUT_MS = 300;

	private static final Logger logger = LoggerFactory.getLogger(WorkerHealth.class);

	private final CircuitBreakerRegistry registry;

	private final Map<String, URI> addresses = new ConcurrentHashMap<>();

	private final ScheduledExecutorService prober = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("worker-prober").daemon().factory());

	WorkerHealth(int window, Duration openFor) {
		this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(window)
			// Two straight failures are enough evidence; waiting for a full window would cost runs.
			.minimumNumberOfCalls(2)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build());
		this.prober.scheduleWithFixedDelay(this::probeExcluded, PROBE_INTERVAL_MS, PROBE_INTERVAL_MS,
				TimeUnit.MILLISECONDS);
	}

	CircuitBreaker breaker(WorkerInstance worker) {
		this.addresses.putIfAbsent(worker.instanceId(), worker.uri());
		return this.registry.circuitBreaker(worker.instanceId());
	}

	/** Whether the worker may be chosen at all (its breaker is not open). */
	boolean isSelectable(WorkerInstance worker) {
		CircuitBreaker breaker = breaker(worker);
		CircuitBreaker.State state = breaker.getState();
		if (state == CircuitBreaker.State.OPEN) {
			// Let the breaker move to half-open once its wait is over, so one trial call can close it.
			return breaker.tryAcquirePermission() && release(breaker);
		}
		return state != CircuitBreaker.State.FORCED_OPEN;
	}

	/** The worker refused a connection: nothing listens there now, so no run goes there until it answers. */
	void unreachable(WorkerInstance worker) {
		CircuitBreaker breaker = breaker(worker);
		if (breaker.getState() != CircuitBreaker.State.OPEN) {
			breaker.transitionToOpenState();
			logger.info("Worker {} ({}) refused a connection; out of the rotation until it answers", worker.workerName(),
					worker.uri());
		}
	}

	private static boolean release(CircuitBreaker breaker) {
		breaker.releasePermission();
		return true;
	}

	/** Knocks at each excluded worker's port; one that accepts the connection is back in the rotation. */
	private void probeExcluded() {
		try {
			for (CircuitBreaker breaker : this.registry.getAllCircuitBreakers()) {
				URI uri = this.addresses.get(breaker.getName());
				if (breaker.getState() == CircuitBreaker.State.OPEN && uri != null && answers(uri)) {
					breaker.transitionToClosedState();
					logger.info("Worker at {} answers again; back in the rotation", uri);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Probing excluded workers failed: {}", ex.toString());
		}
	}

	private static boolean answers(URI uri) {
		int port = (uri.getPort() > 0) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_TIMEOUT_MS);
			return true;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.prober.shutdownNow();
	}

}
