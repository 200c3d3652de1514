import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on the management API through the gateway: requests are sent at a fixed rate whatever the
 * answers do, and latency is measured from each request's intended send time, so a slow server cannot hide
 * its queueing (no coordinated omission). Talks to 127.0.0.1 only and stops by itself.
 *
 * <pre>java bench/ApiLoad.java BASE_URL TOKEN get|post RATE_PER_S SECONDS [PATH]</pre>
 * get: GET PATH (default /v1/jobs?size=50&amp;page=7); post: POST /v1/jobs with a unique shell job each time.
 */
public class ApiLoad {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		boolean post = args[2].equals("post");
		int rate = Integer.parseInt(args[3]);
		int seconds = Math.min(300, Integer.parseInt(args[4]));
		String path = args.length > 5 ? args[5] : "/v1/jobs?size=50&page=7";
		if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
			throw new IllegalArgumentException("load tests talk to 127.0.0.1 only");
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
		ConcurrentLinkedQueue<Long> latenciesUs = new ConcurrentLinkedQueue<>();
		AtomicInteger errors = new AtomicInteger();
		AtomicLong seq = new AtomicLong();
		String run = Long.toString(System.currentTimeMillis(), 36);
		long intervalNs = 1_000_000_000L / rate;
		long total = (long) rate * seconds;
		long start = System.nanoTime() + 100_000_000L;
		List<Thread> inFlight = new ArrayList<>();
		for (long i = 0; i < total; i++) {
			long intended = start + i * intervalNs;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + (post ? "/v1/jobs" : path)))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token);
			if (post) {
				String body = "{\"name\":\"load-" + run + "-" + seq.incrementAndGet()
						+ "\",\"cron\":\"0 0 * * * ?\",\"type\":\"shell\",\"target\":\"echo load\"}";
				request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
			}
			HttpRequest built = request.build();
			inFlight.add(Thread.ofVirtual().start(() -> {
				try {
					HttpResponse<Void> response = http.send(built, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() >= 300) {
						errors.incrementAndGet();
					}
				}
				catch (Exception ex) {
					errors.incrementAndGet();
				}
				latenciesUs.add((System.nanoTime() - intended) / 1000);
			}));
		}
		for (Thread thread : inFlight) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		List<Long> sorted = new ArrayList<>(latenciesUs);
		Collections.sort(sorted);
		System.out.printf("%s %s: %d requests at %d/s in %.1f s (%.1f/s achieved), errors %d, latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n",
				post ? "POST" : "GET", post ? "/v1/jobs" : path, sorted.size(), rate, elapsed, sorted.size() / elapsed,
				errors.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
	}

	private static double pct(List<Long> sorted, double p) {
		int k = (int) Math.ceil(sorted.size() * p / 100.0);
		return sorted.get(Math.max(0, Math.min(sorted.size(), k) - 1)) / 1000.0;
	}

}
