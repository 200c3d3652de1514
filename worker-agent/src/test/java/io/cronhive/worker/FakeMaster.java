package io.cronhive.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.ReportDisposition;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunReportBatch;
import io.cronhive.common.dispatch.RunReportBatchAck;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A master-service stand-in: verifies signatures on run reports (single and batch) and records them; its
 * answer is settable, and it can play a master without the batch endpoint or one that answers for only part
 * of a batch.
 */
public final class FakeMaster implements AutoCloseable {

	private final HttpServer server;

	private final SignatureVerifier verifier;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<Long, RunReport> reports = new ConcurrentHashMap<>();

	private final List<Long> received = new CopyOnWriteArrayList<>();

	private final List<RunReport> receivedReports = new CopyOnWriteArrayList<>();

	private final AtomicInteger refusedSignatures = new AtomicInteger();

	private final AtomicInteger batches = new AtomicInteger();

	private final AtomicInteger singles = new AtomicInteger();

	private final Set<Long> unknown = ConcurrentHashMap.newKeySet();

	private volatile int status = 200;

	private volatile boolean batchEndpoint = true;

	private volatile int acknowledgeAtMost = Integer.MAX_VALUE;

	public FakeMaster(String secret) throws IOException {
		this.verifier = new SignatureVerifier(ClusterSecret.of(secret), Clock.systemUTC(), Duration.ofSeconds(30));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(MasterPaths.RUN_REPORTS, this::handle);
		this.server.createContext(MasterPaths.RUN_REPORT_BATCHES, this::handleBatch);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		int answer;
		if (!signed(exchange, body)) {
			answer = 401;
		}
		else {
			this.singles.incrementAndGet();
			RunReport report = this.mapper.readValue(body, RunReport.class);
			this.received.add(report.runId());
			answer = this.unknown.contains(report.runId()) ? 404 : this.status;
			if (answer == 200) {
				this.reports.putIfAbsent(report.runId(), report);
			}
		}
		exchange.sendResponseHeaders(answer, -1);
		exchange.close();
	}

	private void handleBatch(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (!signed(exchange, body)) {
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		if (!this.batchEndpoint) {
			// A master from before the batch endpoint: Spring MVC's 404 for an unmapped path.
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		this.batches.incrementAndGet();
		RunReportBatch batch = this.mapper.readValue(body, RunReportBatch.class);
		batch.reports().forEach((report) -> this.received.add(report.runId()));
		this.receivedReports.addAll(batch.reports());
		int answer = this.status;
		if (answer != 200) {
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
			return;
		}
		List<RunReportBatchAck.Entry> entries = new ArrayList<>();
		for (RunReport report : batch.reports()) {
			if (entries.size() >= this.acknowledgeAtMost) {
				break;
			}
			ReportDisposition outcome;
			if (this.unknown.contains(report.runId())) {
				outcome = ReportDisposition.UNKNOWN_RUN;
			}
			else {
				outcome = (this.reports.putIfAbsent(report.runId(), report) == null) ? ReportDisposition.APPLIED
						: ReportDisposition.ALREADY_APPLIED;
			}
			entries.add(new RunReportBatchAck.Entry(report.runId(), outcome));
		}
		byte[] ack = this.mapper.writeValueAsBytes(new RunReportBatchAck(entries));
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, ack.length);
		exchange.getResponseBody().write(ack);
		exchange.close();
	}

	private boolean signed(HttpExchange exchange, byte[] body) {
		String query = exchange.getRequestURI().getRawQuery();
		String pathAndQuery = exchange.getRequestURI().getRawPath() + ((query != null) ? "?" + query : "");
		var headers = exchange.getRequestHeaders();
		var verdict = this.verifier.verify(exchange.getRequestMethod(), pathAndQuery, body,
				headers.getFirst(SignatureHeaders.TIMESTAMP), headers.getFirst(SignatureHeaders.NONCE),
				headers.getFirst(SignatureHeaders.SIGNATURE));
		if (verdict != SignatureVerifier.Verdict.VALID) {
			this.refusedSignatures.incrementAndGet();
			return false;
		}
		return true;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void answer(int status) {
		this.status = status;
	}

	/** Plays a master from before the batch endpoint (404 for its path) when false. */
	public void batchEndpoint(boolean served) {
		this.batchEndpoint = served;
	}

	/** Answers for only the first {@code count} reports of each batch, as a master that gave up part way. */
	public void acknowledgeAtMost(int count) {
		this.acknowledgeAtMost = count;
	}

	/** Runs this master does not know: unknown run in a batch, 404 on the single path. */
	public void unknown(long... runIds) {
		for (long runId : runIds) {
			this.unknown.add(runId);
		}
	}

	/** Batch requests that reached the batch endpoint with a valid signature. */
	public int batches() {
		return this.batches.get();
	}

	/** Requests that reached the single-report endpoint with a valid signature. */
	public int singles() {
		return this.singles.get();
	}

	public RunReport report(long runId) {
		return this.reports.get(runId);
	}

	/** The first report of one cluster's run that arrived in a batch, or null. */
	public RunReport report(String clusterId, long runId) {
		return this.receivedReports.stream()
			.filter((r) -> r.runId() == runId && clusterId.equals(r.clusterId()))
			.findFirst()
			.orElse(null);
	}

	/** Every report that arrived with a valid signature, acknowledged or not, in order. */
	public List<Long> received() {
		return this.received;
	}

	public int refusedSignatures() {
		return this.refusedSignatures.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
