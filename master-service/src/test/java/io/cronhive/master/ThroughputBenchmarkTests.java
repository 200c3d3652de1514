package io.cronhive.master;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cronhive.common.signing.ClusterSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opt-in load check of the master alone ({@code -Dcronhive.bench=true -Dcronhive.bench.jobs=1000
 * -Dcronhive.bench.db=H2|MARIADB -Dcronhive.test.log-level=WARN}): N every-second jobs against an in-process fake worker; no slot missed or
 * sent twice in the measured window, lateness (arrival at the worker minus the slot) logged as p50/p99/max.
 * The project's end-to-end benchmark measures the real services; this isolates the scheduler's own cost,
 * within the limit of the fake worker (the JDK's HttpServer), which on a busy 2-core machine saturates first.
 */
@EnabledIfSystemProperty(named = "cronhive.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThroughputBenchmarkTests {

	private static final Logger logger = LoggerFactory.getLogger(ThroughputBenchmarkTests.class);

	private static final String SECRET = "throughput-benchmark-cluster-secret-0123456789";

	private static final int JOBS = Integer.getInteger("cronhive.bench.jobs", 1000);

	private static final TestDatabase db = TestDatabase
		.create(TestDatabase.Kind.valueOf(System.getProperty("cronhive.bench.db", "H2")));

	private static int masterPort;

	private static final FakeWorker worker = start();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", () -> (db.kind() == TestDatabase.Kind.H2) ? "sa" : "root");
		registry.add("cronhive.cluster-secret", () -> SECRET);
		registry.add("eureka.client.enabled", () -> "false");
		String w = "spring.cloud.discovery.client.simple.instances.bench[0].";
		registry.add(w + "uri", () -> worker.uri().toString());
		registry.add(w + "instance-id", () -> "bench-1");
		registry.add(w + "metadata.cronhive-role", () -> "worker");
		registry.add(w + "metadata.workerName", () -> "bench");
	}

	private static FakeWorker start() {
		try {
			return new FakeWorker("bench", ClusterSecret.of(SECRET), () -> masterPort);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void close() {
		worker.close();
		db.close();
	}

	@Test
	void everySlotOfEveryJobFiresOnceAndOnTime() {
		masterPort = this.port;
		for (int i = 0; i < JOBS; i++) {
			db.insertJob("bench-" + i, "* * * * * ?", true, null, "fire_once");
		}
		await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
		long from = (System.currentTimeMillis() / 1000 + 1) * 1000;
		long to = from + 20_000;
		await().pollDelay(Duration.ofMillis(to - System.currentTimeMillis() + 3000)).atMost(Duration.ofSeconds(40))
			.until(() -> true);
		logger.warn("runs by state: {}", this.jdbc.sql("SELECT state, status, COUNT(*) AS n, MIN(message) AS m FROM "
				+ "run_logs GROUP BY state, status").query().listOfRows());
		logger.warn("received {} runs in total; refused {}", worker.received().size(), worker.refused().size());
		List<FakeWorker.Received> window = worker.received()
			.stream()
			.filter((r) -> r.request().scheduledAtMs() >= from && r.request().scheduledAtMs() < to)
			.toList();
		Set<String> slots = new HashSet<>();
		long duplicates = window.stream().filter((r) -> !slots.add(r.request().jobId() + "@" + r.request().scheduledAtMs())).count();
		long expected = (long) JOBS * ((to - from) / 1000);
		long[] late = window.stream().mapToLong((r) -> r.arrivedAtMs() - r.request().scheduledAtMs()).sorted().toArray();
		logger.warn("jobs={} db={} expected={} received={} duplicates={} missed={} late p50={} p99={} max={} ms", JOBS,
				db.kind(), expected, window.size(), duplicates, expected - slots.size(), late[late.length / 2],
				late[(int) (late.length * 0.99)], late[late.length - 1]);
		assertThat(duplicates).isZero();
		assertThat(slots).hasSize((int) expected);
	}

}
