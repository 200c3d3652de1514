package io.cronhive.master.dispatch;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunBatch;
import io.cronhive.common.dispatch.RunBatchAcceptance;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.master.cluster.ClusterIdentity;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One guarded call to one worker: a bulkhead bounding calls in flight, the worker's circuit breaker, and a
 * retry only when the connection itself failed (the request surely never reached the worker). A read timeout
 * is never retried elsewhere, because the worker may already be running the run.
 */
final class WorkerCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WorkerClient client;

	private final ClusterIdentity cluster;

	private final WorkerHealth health;

	private final Bulkhead bulkhead;

	private final Retry connectRetry;

	WorkerCalls(WorkerClient client, WorkerHealth health, ClusterIdentity cluster, int maxConcurrentCalls,
			Duration maxWait) {
		this.client = client;
		this.cluster = cluster;
		this.health = health;
		this.bulkhead = Bulkhead.of("worker-calls",
				BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(maxWait).build());
		this.connectRetry = Retry.of("worker-connect", RetryConfig.custom()
			.maxAttempts(2)
			.waitDuration(Duration.ofMillis(50))
			.retryOnException(WorkerCalls::connectFailed)
			.build());
	}

	CallResult run(WorkerInstance worker, RunRequest request) {
		return guarded(worker, () -> {
			RunAcceptance acceptance = this.client.run(worker.uri(), request);
			return (acceptance == null || acceptance.accepted()) ? new CallResult(CallResult.Kind.ACCEPTED, "accepted")
					: new CallResult(CallResult.Kind.ALREADY_KNOWN, "worker already had run " + request.runId());
		});
	}

	/**
	 * Hands many runs to one worker in one request.
	 * @return one verdict per run, or the call's failure when the batch as a whole was not judged (then
	 * {@link BatchCall#failure()} says, like a single call, whether the worker may have received it)
	 */
	BatchCall runBatch(WorkerInstance worker, List<RunRequest> requests) {
		AtomicReference<List<RunVerdict>> verdicts = new AtomicReference<>();
		CallResult result = guarded(worker, () -> {
			RunBatchAcceptance acceptance;
			try {
				acceptance = this.client.runBatch(worker.uri(), new RunBatch(requests));
			}
			catch (FeignException.NotFound ex) {
				// An older agent without the batch path: alive and well, just not batching.
				return new CallResult(CallResult.Kind.BATCH_UNSUPPORTED, worker.workerName() + " takes no batches");
			}
			catch (DecodeException ex) {
				// The worker judged the batch but its answer is unreadable: some runs may have started there.
				return new CallResult(CallResult.Kind.UNACKNOWLEDGED,
						worker.workerName() + " answered the batch unreadably: " + ex.getMessage());
			}
			if (acceptance == null || acceptance.verdicts().size() != requests.size()) {
				return new CallResult(CallResult.Kind.UNACKNOWLEDGED, worker.workerName() + " answered "
						+ ((acceptance == null) ? 0 : acceptance.verdicts().size()) + " verdict(s) for "
						+ requests.size() + " run(s)");
			}
			verdicts.set(acceptance.verdicts());
			return new CallResult(CallResult.Kind.ACCEPTED, "batch judged");
		});
		return (verdicts.get() != null) ? new BatchCall(verdicts.get(), null) : new BatchCall(null, result);
	}

	/** A batch call's answer: the per-run verdicts, or why there are none. */
	record BatchCall(List<RunVerdict> verdicts, CallResult failure) {
	}

	CallResult kill(WorkerInstance worker, long runId, String reason) {
		KillRequest request = new KillRequest(this.cluster.id(), runId, reason);
		return guarded(worker, () -> {
			this.client.kill(worker.uri(), runId, request);
			return new CallResult(CallResult.Kind.ACCEPTED, "kill sent");
		});
	}

	private CallResult guarded(WorkerInstance worker, Supplier<CallResult> call) {
		CircuitBreaker breaker = this.health.breaker(worker);
		if (!breaker.tryAcquirePermission()) {
			return new CallResult(CallResult.Kind.REFUSED, worker.workerName() + ": circuit open after failed dispatches");
		}
		if (!this.bulkhead.tryAcquirePermission()) {
			breaker.releasePermission();
			return new CallResult(CallResult.Kind.REFUSED, "master has too many dispatches in flight");
		}
		long start = System.nanoTime();
		try {
			CallResult result = Retry.decorateSupplier(this.connectRetry, call).get();
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (FeignException ex) {
			return classify(worker, breaker, this.health, start, ex);
		}
		catch (RuntimeException ex) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			return new CallResult(CallResult.Kind.REFUSED, worker.workerName() + ": " + ex.getMessage());
		}
		finally {
			this.bulkhead.onComplete();
		}
	}

	private static CallResult classify(WorkerInstance worker, CircuitBreaker breaker, WorkerHealth health, long start,
			FeignException ex) {
		long elapsed = System.nanoTime() - start;
		int status = ex.status();
		String who = worker.workerName() + " (" + worker.uri() + ")";
		if (ex instanceof RetryableException && status <= 0) {
			breaker.onError(elapsed, TimeUnit.NANOSECONDS, ex);
			if (connectFailed(ex)) {
				health.unreachable(worker);
				return new CallResult(CallResult.Kind.REFUSED, who + " unreachable: " + rootMessage(ex));
			}
			return new CallResult(CallResult.Kind.UNACKNOWLEDGED, who + " did not answer in time: " + rootMessage(ex));
		}
		if (status == 409) {
			breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			return new CallResult(CallResult.Kind.STALE_EPOCH, who + " has seen a newer epoch of the run's partition");
		}
		if (status >= 500) {
			breaker.onError(elapsed, TimeUnit.NANOSECONDS, ex);
		}
		else {
			// 429 (busy) and 4xx say the worker is alive; they must not open its breaker.
			breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
		}
		if (status == 429) {
			return new CallResult(CallResult.Kind.BUSY, who + " is busy (429): " + problemDetail(ex));
		}
		String why = switch (status) {
			case 421 -> "is still running runs of another cronhive cluster (421): it serves one database at a time";
			case 401 -> "refused the signature (401): check it has the same CRONHIVE_CLUSTER_SECRET";
			// No status: the call failed on this side of the wire (encoding, a client error); say how.
			default -> (status > 0) ? "answered " + status : "call failed: " + rootMessage(ex);
		};
		return new CallResult(CallResult.Kind.REFUSED, who + " " + why);
	}

	/** The connection was never established, so the worker cannot have received the request. */
	static boolean connectFailed(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof ConnectException || t instanceof NoRouteToHostException
					|| t instanceof UnknownHostException) {
				return true;
			}
			if (t instanceof HttpConnectTimeoutException || (t instanceof SocketTimeoutException
					&& t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("connect"))) {
				return true;
			}
		}
		return false;
	}

	/** The problem's detail a worker answered with, or the status when there is none. */
	private static String problemDetail(FeignException ex) {
		try {
			JsonNode detail = JSON.readTree(ex.contentUTF8()).path("detail");
			if (detail.isString() && !detail.asString().isBlank()) {
				return detail.asString();
			}
		}
		catch (JacksonException notJson) {
			// A proxy's page, or nothing: the status says enough.
		}
		return "answered " + ex.status();
	}

	private static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

}
