package io.cronhive.worker.channel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.common.job.JobType;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.worker.AgentTestSupport;
import io.cronhive.worker.SignedClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignedChannelTests extends AgentTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void unsignedDispatchIsRefusedWithProblemAndNothingRuns() {
		RunRequest request = touching("unsigned");
		HttpResponse<String> response = client().raw(HttpRequest.newBuilder(uri(WorkerPaths.RUNS))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(client().json(request))));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401", "signature headers missing");
		assertNeverRuns("unsigned");
	}

	@Test
	void tamperedBodyIsRefusedAndNothingRuns() {
		SignedClient client = client();
		byte[] signedBody = client.json(touching("signed-original"));
		byte[] tamperedBody = client.json(touching("tampered"));
		RequestSignature signature = client.signer().sign("POST", WorkerPaths.RUNS, signedBody);

		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(WorkerPaths.RUNS))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(tamperedBody)), signature);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("signature does not match");
		assertNeverRuns("tampered");
		assertNeverRuns("signed-original");
	}

	@Test
	void staleSignatureIsRefusedAndNothingRuns() {
		Clock fiveMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));
		SignedClient stale = new SignedClient("http://127.0.0.1:" + this.port, SECRET, fiveMinutesAgo);

		HttpResponse<String> response = stale.dispatch(touching("stale"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("clock window");
		assertNeverRuns("stale");
		assertThat(this.meters.get("cronhive.worker.signature.refusals").tag("reason", "stale").counter().count())
			.isPositive();
	}

	@Test
	void replayedRequestIsRefusedSoTheRunHappensOnce() throws Exception {
		SignedClient client = client();
		RunRequest request = touching("replayed");
		byte[] body = client.json(request);
		RequestSignature signature = client.signer().sign("POST", WorkerPaths.RUNS, body);
		HttpRequest.Builder original = HttpRequest.newBuilder(uri(WorkerPaths.RUNS))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));

		assertThat(client.send(original, signature).statusCode()).isEqualTo(202);
		HttpResponse<String> replay = client.send(HttpRequest.newBuilder(uri(WorkerPaths.RUNS))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), signature);

		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.body()).contains("nonce already used");
		awaitReport(request.runId());
		assertThat(Files.readAllLines(Path.of(mark("replayed")))).containsExactly("ran");
	}

	@Test
	void wrongSecretIsRefused() {
		SignedClient impostor = new SignedClient("http://127.0.0.1:" + this.port,
				"some-other-cluster-secret-0123456789-abc");

		assertThat(impostor.dispatch(touching("impostor")).statusCode()).isEqualTo(401);
		assertNeverRuns("impostor");
	}

	@Test
	void signedRequestWithQueryStringIsVerifiedOverPathAndQuery() {
		HttpResponse<String> response = client().get("/internal/runs/424242/output?offset=0");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("no output for run 424242");
	}

	@Test
	void actuatorHealthNeedsNoSignature() {
		HttpResponse<String> response = client().raw(HttpRequest.newBuilder(uri("/actuator/health")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	private RunRequest touching(String name) {
		return request(nextRunId(), JobType.SHELL, "echo ran >> " + mark(name));
	}

	private static void assertNeverRuns(String name) {
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !Files.exists(Path.of(mark(name))));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
