package io.cronhive.master;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker-agent stand-in speaking the real protocol: verifies every request's signature (401 otherwise),
 * accepts runs with 202, records when each arrived, and reports each back to the master, signed (or never,
 * when the outcome function answers null: a run that keeps running).
 */
public final class FakeWorker implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final SignatureVerifier verifier;

	private final RequestSigner signer;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<String> refused = new CopyOnWriteArrayList<>();

	private final IntSupplier masterPort;

	private final String name;

	private final List<Long> kills = new CopyOnWriteArrayList<>();

	private volatile java.util.function.Function<RunRequest, RunOutcome> outcome = (request) -> RunOutcome.OK;

	public FakeWorker(String name, ClusterSecret secret, IntSupplier masterPort) throws IOException {
		this.name = name;
		this.verifier = new SignatureVerifier(secret, Clock.systemUTC(), Duration.ofSeconds(60));
		this.signer = new RequestSigner(secret, Clock.systemUTC());
		this.masterPort = masterPort;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext(WorkerPaths.RUNS, this::handle);
		this.server.start();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public List<Received> received() {
		return this.received;
	}

	public List<String> refused() {
		return this.refused;
	}

	public List<Long> kills() {
		return this.kills;
	}

	/** Decides the reported outcome of each run (default: ok). */
	public void outcome(java.util.function.Function<RunRequest, RunOutcome> outcome) {
		this.outcome = outcome;
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getRawPath();
		var verdict = this.verifier.verify(exchange.getRequestMethod(), path, body,
				exchange.getRequestHeaders().getFirst(SignatureHeaders.TIMESTAMP),
				exchange.getRequestHeaders().getFirst(SignatureHeaders.NONCE),
				exchange.getRequestHeaders().getFirst(SignatureHeaders.SIGNATURE));
		if (verdict != SignatureVerifier.Verdict.VALID) {
			this.refused.add(path + " " + verdict);
			respond(exchange, 401, "{}");
			return;
		}
		if (path.endsWith("/kill")) {
			this.kills.add(Long.parseLong(path.split("/")[3]));
			respond(exchange, 202, "{}");
			return;
		}
		RunRequest request = JSON.readValue(body, RunRequest.class);
		this.received.add(new Received(request, System.currentTimeMillis()));
		respond(exchange, 202, "{\"runId\":" + request.runId() + ",\"accepted\":true,\"workerName\":\"" + this.name
				+ "\",\"workerHost\":\"127.0.0.1\"}");
		Thread.ofVirtual().start(() -> report(request));
	}

	private void report(RunRequest request) {
		long now = System.currentTimeMillis();
		RunOutcome result = this.outcome.apply(request);
		if (result == null) {
			return;
		}
		RunReport report = new RunReport(request.clusterId(), request.runId(), request.epoch(), this.name,
				"127.0.0.1", RunStatus.DONE, result, (result == RunOutcome.OK) ? 0 : 1, "ran " + request.jobName(), false,
				null, now, now + 5);
		byte[] body = JSON.writeValueAsBytes(report);
		RequestSignature signature = this.signer.sign("POST", MasterPaths.RUN_REPORTS, body);
		try {
			this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.masterPort.getAsInt()
					+ MasterPaths.RUN_REPORTS))
				.header("Content-Type", "application/json")
				.header(SignatureHeaders.TIMESTAMP, Long.toString(signature.timestampMs()))
				.header(SignatureHeaders.NONCE, signature.nonce())
				.header(SignatureHeaders.SIGNATURE, signature.signature())
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException | InterruptedException ex) {
			this.refused.add("report " + request.runId() + " failed: " + ex);
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One run the worker accepted.
	 *
	 * @param request what the master sent
	 * @param arrivedAtMs when it arrived
	 */
	public record Received(RunRequest request, long arrivedAtMs) {
	}

}
