package io.cronhive.master.dispatch;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * This master's own view of each worker instance, one circuit breaker per instance: the registry may list a
 * dead worker for seconds after it died, but after a couple of failed dispatches it stops being chosen, and
 * after {@code openFor} one trial call decides whether it is back.
 */
final class WorkerHealth {

	private final CircuitBreakerRegistry registry;

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
	}

	CircuitBreaker breaker(WorkerInstance worker) {
		return this.registry.circuitBreaker(worker.instanceId());
	}

	/** Whether the worker may be chosen at all (its breaker is not open). */
	boolean isSelectable(WorkerInstance worker) {
		CircuitBreaker.State state = breaker(worker).getState();
		if (state == CircuitBreaker.State.OPEN) {
			// Let the breaker move to half-open once its wait is over, so one trial call can close it.
			return breaker(worker).tryAcquirePermission() && release(worker);
		}
		return state != CircuitBreaker.State.FORCED_OPEN;
	}

	private boolean release(WorkerInstance worker) {
		breaker(worker).releasePermission();
		return true;
	}

}
