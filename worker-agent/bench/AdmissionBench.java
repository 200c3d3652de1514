import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;

/**
 * What one HTTP run in flight costs a worker's heap, and whether the worker refuses in time. Plays the master
 * (signed run batches, acknowledged reports) against a running agent, with a target that answers after
 * HOLD_MS, so every accepted run stays in flight. Sends batches of 500 runs due now until the agent refuses
 * or MAX runs are in flight, then forces a collection in the agent (jcmd GC.run) and reads its live heap
 * (jcmd GC.heap_info). Prints the live heap idle and loaded, the runs in flight and the bytes per run.
 *
 * usage (through admission-bench.sh, which starts the agent):
 * java -cp common.jar AdmissionBench.java AGENT_PID AGENT_PORT MASTER_PORT TARGET_PORT [max] [holdMs]
 */
public class AdmissionBench {

	static final AtomicLong runIds = new AtomicLong(System.currentTimeMillis() * 1000);

	static final AtomicLong reports = new AtomicLong();

	static final Pattern RUN_ID = Pattern.compile("\"runId\":(\\d+)");

	static final Pattern ACCEPTED = Pattern.compile("\"verdict\":\"(?:ACCEPTED|accepted)\"");

	static final Pattern USED = Pattern.compile("used (\\d+)K");

	public static void main(String[] args) {
		try {
			bench(args);
			System.exit(0);
		}
		catch (Exception ex) {
			System.err.println("admission bench failed: " + ex);
			ex.printStackTrace();
			System.exit(1);
		}
	}

	static void bench(String[] args) throws Exception {
		long pid = Long.parseLong(args[0]);
		int agentPort = Integer.parseInt(args[1]);
		int masterPort = Integer.parseInt(args[2]);
		int targetPort = Integer.parseInt(args[3]);
		int max = (args.length > 4) ? Integer.parseInt(args[4]) : 40_000;
		long holdMs = (args.length > 5) ? Long.parseLong(args[5]) : 60_000;
		RequestSigner signer = new RequestSigner(ClusterSecret.of(System.getenv("CRONHIVE_CLUSTER_SECRET")),
				Clock.systemUTC());
		HttpClient http = HttpClient.newHttpClient();
		startMaster(masterPort);
		startSlowTarget(targetPort, holdMs);
		String base = "http://127.0.0.1:" + agentPort;

		long idle = liveHeapKb(pid);
		System.out.printf("live heap idle: %d KB%n", idle);
		int inFlight = 0;
		int refused = 0;
		// Offers end well before the first calls are answered, so every accepted run is still in flight.
		long deadline = System.currentTimeMillis() + holdMs * 3 / 4;
		while (inFlight < max && refused == 0 && System.currentTimeMillis() < deadline) {
			int batch = Math.min(500, max - inFlight);
			String answer = sendBatch(http, signer, base, targetPort, batch);
			int accepted = count(ACCEPTED, answer);
			inFlight += accepted;
			refused += batch - accepted;
		}
		Thread.sleep(1000);
		long loaded = liveHeapKb(pid);
		System.out.printf("runs in flight: %d, refused in the last batch: %d%n", inFlight, refused);
		System.out.printf("live heap loaded: %d KB; per run in flight: %d bytes%n", loaded,
				(inFlight > 0) ? (loaded - idle) * 1024 / inFlight : 0);
		System.out.println("agent metrics: " + metrics(http, base));
	}

	static String sendBatch(HttpClient http, RequestSigner signer, String base, int targetPort, int count)
			throws Exception {
		StringBuilder body = new StringBuilder("{\"runs\":[");
		long now = System.currentTimeMillis();
		for (int i = 0; i < count; i++) {
			long runId = runIds.incrementAndGet();
			body.append((i > 0) ? "," : "")
				.append("{\"clusterId\":\"bench-cluster\",\"runId\":").append(runId)
				.append(",\"epoch\":1,\"jobId\":\"00000000-0000-0000-0000-").append(String.format("%012d", i))
				.append("\",\"jobName\":\"admission bench job ").append(i)
				.append("\",\"type\":\"http\",\"target\":\"http://127.0.0.1:").append(targetPort)
				.append("/hit?job=bench").append(i).append("\",\"parameters\":{},\"timeoutMs\":120000,\"scheduledAtMs\":")
				.append(now).append(",\"attempt\":1}");
		}
		byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		RequestSignature s = signer.sign("POST", "/internal/run-batches", bytes);
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/run-batches"))
			.header("Content-Type", "application/json")
			.header(SignatureHeaders.TIMESTAMP, Long.toString(s.timestampMs()))
			.header(SignatureHeaders.NONCE, s.nonce())
			.header(SignatureHeaders.SIGNATURE, s.signature())
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 429) {
			return "";
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("agent answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/** The agent's admission gauges, from its Prometheus endpoint. */
	static String metrics(HttpClient http, String base) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		StringBuilder found = new StringBuilder();
		for (String line : response.body().split("\n")) {
			if (line.startsWith("cronhive_worker_admission")) {
				found.append(line).append("; ");
			}
		}
		return found.toString();
	}

	static int count(Pattern pattern, String text) {
		int n = 0;
		for (Matcher m = pattern.matcher(text); m.find();) {
			n++;
		}
		return n;
	}

	/** Live heap after a full collection, from the agent's own JVM. */
	static long liveHeapKb(long pid) throws Exception {
		jcmd(pid, "GC.run");
		String info = jcmd(pid, "GC.heap_info");
		long used = 0;
		// One unindented line per generation ("DefNew total 78656K, used 28022K", "Tenured ..."):
		// their sum is the heap; Metaspace is not.
		for (String line : info.split("\n")) {
			Matcher m = USED.matcher(line);
			if (!line.startsWith(" ") && !line.contains("Metaspace") && !line.contains("class space") && m.find()) {
				used += Long.parseLong(m.group(1));
			}
		}
		return used;
	}

	static String jcmd(long pid, String command) throws Exception {
		String jcmd = ProcessHandle.of(pid).flatMap((p) -> p.info().command()).orElseThrow().replaceAll("java$", "jcmd");
		Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

	static void startMaster(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/internal/run-reports/batch", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			StringBuilder ack = new StringBuilder("{\"runs\":[");
			Matcher runId = RUN_ID.matcher(body);
			for (int i = 0; runId.find(); i++) {
				reports.incrementAndGet();
				ack.append((i > 0) ? "," : "").append("{\"runId\":").append(runId.group(1))
					.append(",\"outcome\":\"applied\"}");
			}
			byte[] answer = ack.append("]}").toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
	}

	/** Answers every call after holdMs, so the runs that call it stay in flight. */
	static void startSlowTarget(int port, long holdMs) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
		server.createContext("/hit", exchange -> {
			try {
				Thread.sleep(holdMs);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
	}

}
