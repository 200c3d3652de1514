package io.cronhive.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import tools.jackson.databind.json.JsonMapper;

/** A master-service stand-in: verifies signatures on run reports and records them; its answer is settable. */
public final class FakeMaster implements AutoCloseable {

	private final HttpServer server;

	private final SignatureVerifier verifier;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<Long, RunReport> reports = new ConcurrentHashMap<>();

	private final List<Long> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger refusedSignatures = new AtomicInteger();

	private volatile int status = 200;

	public FakeMaster(String secret) throws IOException {
		this.verifier = new SignatureVerifier(ClusterSecret.of(secret), Clock.systemUTC(), Duration.ofSeconds(30));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(MasterPaths.RUN_REPORTS, this::handle);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String query = exchange.getRequestURI().getRawQuery();
		String pathAndQuery = exchange.getRequestURI().getRawPath() + ((query != null) ? "?" + query : "");
		var headers = exchange.getRequestHeaders();
		var verdict = this.verifier.verify(exchange.getRequestMethod(), pathAndQuery, body,
				headers.getFirst(SignatureHeaders.TIMESTAMP), headers.getFirst(SignatureHeaders.NONCE),
				headers.getFirst(SignatureHeaders.SIGNATURE));
		int answer;
		if (verdict != SignatureVerifier.Verdict.VALID) {
			this.refusedSignatures.incrementAndGet();
			answer = 401;
		}
		else {
			RunReport report = this.mapper.readValue(body, RunReport.class);
			this.received.add(report.runId());
			answer = this.status;
			if (answer == 200) {
				this.reports.put(report.runId(), report);
			}
		}
		exchange.sendResponseHeaders(answer, -1);
		exchange.close();
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void answer(int status) {
		this.status = status;
	}

	public RunReport report(long runId) {
		return this.reports.get(runId);
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
