package io.cronhive.master.dispatch;

import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.codec.EncodeException;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.master.cluster.ClusterIdentity;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

class WorkerCallsTests {

	static final WorkerInstance WORKER = new WorkerInstance("a", "worker-agent", URI.create("http://a:8083"),
			"10.0.0.1", "w-a", null);

	final WorkerClient client = mock(WorkerClient.class);

	final WorkerHealth health = new WorkerHealth(4, Duration.ofSeconds(5));

	final WorkerCalls calls = new WorkerCalls(this.client, this.health, ClusterIdentity.of("cluster-a"), 8,
			Duration.ZERO);

	@Test
	void aBusyWorkerIsBusyNotFailingAndKeepsItsCircuitClosed() {
		given(this.client.run(any(), any())).willThrow(busy());

		for (int i = 0; i < 10; i++) {
			CallResult result = this.calls.run(WORKER, run());
			assertThat(result.kind()).isEqualTo(CallResult.Kind.BUSY);
			assertThat(result.detail())
				.isEqualTo("w-a (http://a:8083) is busy (429): all 8 HTTP run slots of this worker are busy");
		}
		assertThat(this.health.breaker(WORKER).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.health.isSelectable(WORKER)).isTrue();
	}

	private static FeignException busy() {
		return busy("{\"type\":\"https://cronhive.io/problems/at-capacity\",\"status\":429,"
				+ "\"detail\":\"all 8 HTTP run slots of this worker are busy\"}");
	}

	private static FeignException busy(String json) {
		Request request = Request.create(Request.HttpMethod.POST, "http://a:8083/internal/runs", Map.of(), null,
				StandardCharsets.UTF_8, null);
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return FeignException.errorStatus("WorkerClient#run", Response.builder()
			.status(429)
			.reason("Too Many Requests")
			.request(request)
			.headers(Map.of("Retry-After", List.of("1")))
			.body(body)
			.build());
	}

	private static RunRequest run() {
		return new RunRequest("cluster-a", 1, 1, "job", "a job", JobType.HTTP, "http://127.0.0.1:9/", Map.of(), 0, 0, 1);
	}

	@Test
	void aBusyWorkersProblemDetailIsReadAsJsonAndAnythingElseFallsBackToTheStatus() {
		given(this.client.run(any(), any())).willThrow(busy("{\"status\":429,\"detail\":\"lane \\\"a\\\" is full\"}"));
		assertThat(this.calls.run(WORKER, run()).detail())
			.isEqualTo("w-a (http://a:8083) is busy (429): lane \"a\" is full");

		willThrow(busy("<html>Too Many Requests</html>")).given(this.client).run(any(), any());
		assertThat(this.calls.run(WORKER, run()).detail())
			.isEqualTo("w-a (http://a:8083) is busy (429): answered 429");
	}

	@Test
	void aCallThatFailedBeforeAnyAnswerSaysHowInsteadOfAStatusOfMinusOne() {
		given(this.client.runBatch(any(), any())).willThrow(new EncodeException("could not write the batch"));

		CallResult failure = this.calls.runBatch(WORKER, List.of()).failure();

		// "answered -1" told an operator nothing: the run log says what failed.
		assertThat(failure.kind()).isEqualTo(CallResult.Kind.REFUSED);
		assertThat(failure.detail()).isEqualTo("w-a (http://a:8083) call failed: EncodeException: could not write the batch");
	}

}
