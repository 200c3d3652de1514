import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;

/**
 * Drives a running worker agent on 127.0.0.1 the way a master does (signed POST /internal/runs) and plays
 * the master for its reports. Measures idle RSS, RSS and agent CPU while N shell runs sleep concurrently,
 * and runs/s for trivial shell jobs. Run through bench/run-bench.sh, which starts the agent.
 *
 * usage: java -cp common.jar WorkerBench.java AGENT_PID AGENT_PORT MASTER_PORT [concurrent] [trivialRuns]
 */
public class WorkerBench {

	static final AtomicLong runIds = new AtomicLong(System.currentTimeMillis() * 1000);

	static final Set<Long> reported = ConcurrentHashMap.newKeySet();

	static final Pattern RUN_ID = Pattern.compile("\"runId\":(\\d+)");

	/** Every wait for the agent ends by then: a benchmark that hangs measures nothing. */
	static final long WAIT_LIMIT_MS = 180_000;

	public static void main(String[] args) {
		try {
			bench(args);
			System.exit(0);
		}
		catch (Exception ex) {
			// The HTTP client's and the fake master's threads would keep the JVM alive after a failure.
			System.err.println("worker bench failed: " + ex);
			System.exit(1);
		}
	}

	static void bench(String[] args) throws Exception {
		long pid = Long.parseLong(args[0]);
		int agentPort = Integer.parseInt(args[1]);
		int masterPort = Integer.parseInt(args[2]);
		int concurrent = (args.length > 3) ? Integer.parseInt(args[3]) : 50;
		int trivial = (args.length > 4) ? Integer.parseInt(args[4]) : 1000;
		String secret = System.getenv("CRONHIVE_CLUSTER_SECRET");
		RequestSigner signer = new RequestSigner(ClusterSecret.of(secret), Clock.systemUTC());
		HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
		startMaster(masterPort);
		String base = "http://127.0.0.1:" + agentPort;

		// warm-up: a few runs so the first-use class loading is not counted as "idle"
		for (int i = 0; i < 20; i++) {
			dispatchUntilAccepted(http, signer, base, "true");
		}
		awaitReports(20);
		System.gc();
		Thread.sleep(15_000);
		System.out.printf("idle RSS after warm-up: %d MB%n", rssKb(pid) / 1024);

		// N concurrent shell runs, each sleeping 10 s
		reported.clear();
		long cpuBefore = cpuTicks(pid);
		long t0 = System.nanoTime();
		for (int i = 0; i < concurrent; i++) {
			dispatchUntilAccepted(http, signer, base, "echo start; sleep 10; echo end");
		}
		long peakRss = 0;
		long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
		while (reported.size() < concurrent) {
			peakRss = Math.max(peakRss, rssKb(pid));
			checkDeadline(deadline, concurrent);
			Thread.sleep(200);
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		double cpu = (cpuTicks(pid) - cpuBefore) / 100.0;
		System.out.printf("%d concurrent shell runs (sleep 10): peak agent RSS %d MB, agent CPU %.1f s over %.1f s = %.1f%% of one core%n",
				concurrent, peakRss / 1024, cpu, seconds, 100 * cpu / seconds);

		// throughput: trivial runs, 16 dispatching threads, retrying 429s
		reported.clear();
		var pool = Executors.newFixedThreadPool(16);
		cpuBefore = cpuTicks(pid);
		t0 = System.nanoTime();
		for (int i = 0; i < trivial; i++) {
			pool.execute(() -> dispatchUntilAccepted(http, signer, base, "true"));
		}
		peakRss = 0;
		deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
		while (reported.size() < trivial) {
			peakRss = Math.max(peakRss, rssKb(pid));
			checkDeadline(deadline, trivial);
			Thread.sleep(100);
		}
		seconds = (System.nanoTime() - t0) / 1e9;
		cpu = (cpuTicks(pid) - cpuBefore) / 100.0;
		System.out.printf("%d trivial shell runs ('true'): %.1f s, %.1f runs/s (dispatch to report), peak RSS %d MB, agent CPU %.0f%% of one core%n",
				trivial, seconds, trivial / seconds, peakRss / 1024, 100 * cpu / seconds);
		pool.shutdown();
	}

	static void dispatchUntilAccepted(HttpClient http, RequestSigner signer, String base, String script) {
		long runId = runIds.incrementAndGet();
		String body = "{\"clusterId\":\"bench-cluster\",\"runId\":" + runId + ",\"epoch\":1,\"jobId\":\"bench\",\"jobName\":\"bench\",\"type\":\"shell\","
				+ "\"target\":\"" + script + "\",\"parameters\":{},\"timeoutMs\":60000,\"scheduledAtMs\":0,\"attempt\":1}";
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		while (true) {
			RequestSignature s = signer.sign("POST", "/internal/runs", bytes);
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/runs"))
				.header("Content-Type", "application/json")
				.header(SignatureHeaders.TIMESTAMP, Long.toString(s.timestampMs()))
				.header(SignatureHeaders.NONCE, s.nonce())
				.header(SignatureHeaders.SIGNATURE, s.signature())
				.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
				.build();
			try {
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 202) {
					return;
				}
				if (status != 429) {
					throw new IllegalStateException("agent answered " + status);
				}
				Thread.sleep(5);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	static void startMaster(int port) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		// Batches as a master answers them: an entry per report, or the worker sends the report again.
		server.createContext("/internal/run-reports/batch", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			StringBuilder ack = new StringBuilder("{\"runs\":[");
			Matcher runId = RUN_ID.matcher(body);
			for (int i = 0; runId.find(); i++) {
				reported.add(Long.parseLong(runId.group(1)));
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

	static void awaitReports(int count) throws InterruptedException {
		long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
		while (reported.size() < count) {
			checkDeadline(deadline, count);
			Thread.sleep(100);
		}
	}

	static void checkDeadline(long deadline, int expected) {
		if (System.currentTimeMillis() > deadline) {
			throw new IllegalStateException("only " + reported.size() + " of " + expected + " reports within "
					+ WAIT_LIMIT_MS / 1000 + " s");
		}
	}

	static long rssKb(long pid) throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/** utime + stime of the agent JVM itself, in clock ticks (100/s); job processes are not counted. */
	static long cpuTicks(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

}
