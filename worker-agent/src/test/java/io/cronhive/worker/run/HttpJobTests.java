package io.cronhive.worker.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.dispatch.RunParent;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.AgentTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpJobTests extends AgentTestSupport {

	static HttpServer server;

	@Autowired
	RunService runs;

	/** Longer than the read buffer (8 KiB). */
	static final String LARGE_BODY = "0123456789abcdef".repeat(1500);

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hello", exchange -> respond(exchange, 200, "hello world"));
		server.createContext("/echo", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			respond(exchange, 201, exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Token")
					+ " " + body);
		});
		server.createContext("/parent", exchange -> respond(exchange, 200,
				exchange.getRequestHeaders().getFirst("X-Cronhive-Parent-Run") + " "
						+ exchange.getRequestHeaders().getFirst("X-Cronhive-Parent-Job") + " "
						+ exchange.getRequestHeaders().getFirst("X-Cronhive-Parent-Status")));
		server.createContext("/empty", exchange -> respond(exchange, 200, ""));
		server.createContext("/sized", exchange -> respond(exchange, 200, LARGE_BODY));
		server.createContext("/chunked", exchange -> {
			// Length 0 makes the JDK server send the body chunked: its length is not known in advance.
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write(LARGE_BODY.getBytes(StandardCharsets.UTF_8));
			exchange.close();
		});
		server.createContext("/broken", exchange -> respond(exchange, 500, "oops"));
		server.createContext("/slow", exchange -> {
			try {
				Thread.sleep(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 200, "late");
		});
		server.createContext("/redirect", exchange -> {
			exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
			respond(exchange, 302, "");
		});
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void bareUrlIsAGetRecordingStatusAndBody() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/hello")));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.DONE);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.exitCode()).isEqualTo(200);
		assertThat(report.output()).isEqualTo("GET " + url("/hello") + "\nHTTP 200\nhello world");
	}

	@Test
	void emptyBodyEndsTheRun() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/empty")));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.output()).isEqualTo("GET " + url("/empty") + "\nHTTP 200\n");
	}

	@Test
	void bodiesLongerThanOneReadAreReadToTheEndWhetherTheirLengthIsKnownOrNot() {
		long sized = nextRunId();
		long chunked = nextRunId();
		start(request(sized, JobType.HTTP, url("/sized")));
		start(request(chunked, JobType.HTTP, url("/chunked")));

		for (long runId : new long[] { sized, chunked }) {
			RunReport report = awaitReport(runId);
			assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
			// The test agent's output cap is 4 KB: the report keeps the head and the tail of the 24 KB body.
			assertThat(report.outputTruncated()).isTrue();
			assertThat(report.output()).contains("HTTP 200\n0123456789abcdef0123")
				.endsWith(LARGE_BODY.substring(LARGE_BODY.length() - 1000));
		}
	}

	@Test
	void jsonTargetSendsMethodHeadersAndBodyAndSucceedsOnTheExpectedStatus() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "{\"method\":\"post\",\"url\":\"" + url("/echo")
				+ "\",\"headers\":{\"X-Token\":\"t1\"},\"body\":\"payload\",\"expectStatus\":201}"));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.exitCode()).isEqualTo(201);
		assertThat(report.output()).endsWith("HTTP 201\nPOST t1 payload");
	}

	@Test
	void dependentRunTellsItsTargetTheParentRunInHeaders() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/parent")).withParent(new RunParent(77, "parent-uuid", "success")));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.output()).endsWith("77 parent-uuid success");
	}

	@Test
	void statusOtherThanTheExpectedOneIsAFailedRun() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "{\"url\":\"" + url("/hello") + "\",\"expectStatus\":204}"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.DONE);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.message()).isEqualTo("expected HTTP 204, got 200");
	}

	@Test
	void serverErrorWithoutExpectedStatusIsAFailedRun() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/broken")));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.exitCode()).isEqualTo(500);
		assertThat(report.message()).isEqualTo("HTTP 500 is not 2xx");
	}

	@Test
	void requestTimeoutIsAnErrorRun() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "{\"url\":\"" + url("/slow") + "\",\"timeoutMs\":500}"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).startsWith("timed out");
		assertThat(report.durationMs()).isLessThan(4000);
	}

	@Test
	void runTimeoutAppliesToHttpJobsToo() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/slow"), Map.of(), 700));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).startsWith("timed out");
	}

	@Test
	void finishedRunsLeaveNoTimeoutBehind() {
		long runId = nextRunId();
		// An hour-long limit on a call that answers at once: the timeout must go with the run, not an hour later.
		start(request(runId, JobType.HTTP, url("/hello"), Map.of(), 3_600_000));

		assertThat(awaitReport(runId).outcome()).isEqualTo(RunOutcome.OK);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.armedTimers() == 0);
	}

	@Test
	void cloudMetadataAddressIsRefused() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "http://169.254.169.254/latest/meta-data/"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).contains("169.254.169.254", "link-local and cloud metadata addresses are blocked");
	}

	@Test
	void awsIpv6MetadataAddressIsRefused() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "http://[fd00:ec2::254]/latest/meta-data/"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).contains("blocked");
	}

	@Test
	void redirectsAreNotFollowedSoTheyCannotReachMetadata() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, url("/redirect")));

		RunReport report = awaitReport(runId);
		assertThat(report.exitCode()).isEqualTo(302);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
	}

	@Test
	void invalidTargetIsAnErrorNamingTheProblem() {
		long runId = nextRunId();
		start(request(runId, JobType.HTTP, "{\"method\":\"GET\"}"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).isEqualTo("invalid http target: the JSON request has no \"url\"");
	}

	private static String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
