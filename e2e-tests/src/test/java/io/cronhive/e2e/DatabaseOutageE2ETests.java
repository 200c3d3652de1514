package io.cronhive.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database unreachable for 30 s (a TCP proxy between every service and MariaDB, paused and its connections
 * cut) while 50 every-second HTTP jobs fire: the cluster resumes by itself, the first leader after the outage
 * keeps its lease, the gap's slots get their misfire policy, and nothing runs twice (issues 13 and 18). It
 * prints how long firing took to resume.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageE2ETests {

	private static final int JOBS = 50;

	private static final long OUTAGE_MS = 30_000;

	private final Path dir = LocalCluster.workDirFor(getClass());

	private MariaDbDatabase database;

	private TcpProxy proxy;

	private LocalCluster cluster;

	private ApiClient api;

	private CallTarget target;

	@BeforeAll
	void startCluster() throws Exception {
		this.database = new MariaDbDatabase();
		this.proxy = TcpProxy.start("127.0.0.1", 3306);
		this.target = CallTarget.start();
		String name = this.database.jdbcUrl().substring(this.database.jdbcUrl().lastIndexOf('/') + 1);
		this.cluster = new LocalCluster(this.dir, "jdbc:mysql://127.0.0.1:" + this.proxy.port() + "/" + name)
			.startRegistry()
			.startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startMaster("master-2");
		this.cluster.startWorker("worker-1", null);
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.target != null) {
			this.target.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void afterThirtySecondsWithoutTheDatabaseTheClusterResumesByItselfKeepsItsNewLeaderAndRunsNothingTwice()
			throws Exception {
		Map<Long, String> jobs = new HashMap<>();
		for (int i = 0; i < JOBS; i++) {
			String key = "db-" + i;
			ApiClient.Response created = this.api.post("/v1/jobs", Map.of("name", key, "cron", "* * * * * ?", "type",
					"http", "target", this.target.url(key), "timeoutMs", 5_000, "retries", 1));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			jobs.put(created.json().get("id").asLong(), key);
		}
		ApiClient.Response started = this.api.post("/v1/schedulers", Map.of("jobIds", jobs.keySet()));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		Thread.sleep(15_000);
		long from = System.currentTimeMillis();
		Thread.sleep(3_000);

		this.proxy.pause();
		this.proxy.sever();
		Thread.sleep(OUTAGE_MS);
		this.proxy.resume();
		long resumedAt = System.currentTimeMillis();
		Thread.sleep(5_000);
		long epochAfter = leaderEpoch();
		Thread.sleep(15_000);
		long epochAtEnd = leaderEpoch();
		ApiClient.Response stopped = this.api.delete("/v1/schedulers", Map.of("jobIds", jobs.keySet()));
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		long to = System.currentTimeMillis() - 2_000;

		String url = this.database.jdbcUrl();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.until(() -> SlotLedger.unfinished(url, jobs.keySet()) == 0);
		SlotLedger.Ledger ledger = SlotLedger.account(SlotLedger.read(url, jobs.keySet()), jobs.keySet(), from, to,
				System.currentTimeMillis(), 130_000);

		assertThat(epochAtEnd).as("the first leader after the outage kept its lease").isEqualTo(epochAfter);
		assertThat(ledger.ok() + ledger.failed() + ledger.skipped())
			.as("slots ran, failed with a reason or covered by the misfire policy: %s", ledger)
			.isEqualTo(ledger.slots());
		assertThat(ledger.skipped()).as("the outage's slots go to the misfire policy: %s", ledger).isPositive();
		assertThat(ledger.duplicateRows()).as("rows for one job and slot beyond the first: %s", ledger).isZero();
		List<String> over = new ArrayList<>();
		jobs.forEach((jobId, key) -> {
			if (this.target.calls(key) > ledger.dispatched(jobId)) {
				over.add(key + ": " + this.target.calls(key) + " calls, " + ledger.dispatched(jobId) + " runs sent");
			}
		});
		assertThat(over).as("jobs whose target was called more often than runs were sent").isEmpty();
		for (String name : List.of("master-1", "master-2", "worker-1")) {
			assertThat(this.cluster.service(name).log()).as("%s's log", name)
				.doesNotContain("OutOfMemoryError")
				.doesNotContain("RejectedExecutionException");
		}
		// The lease is taken again at once, and the masters' pools hand out direct connections while HikariCP's
		// connection adder still sleeps off its back-off (up to 5 s), so planning resumes with the database.
		long firstSendAfter = firstDispatchAfter(resumedAt);
		System.out.println("DatabaseOutageE2ETests: first run sent " + (firstSendAfter - resumedAt)
				+ " ms after the database answered again; " + ledger);
		assertThat(firstSendAfter - resumedAt).as("ms from the database answering again to the first run sent")
			.isLessThanOrEqualTo(1_500);
	}

	private long leaderEpoch() throws SQLException {
		return queryLong("SELECT epoch FROM leader_lease WHERE id = 1");
	}

	private long firstDispatchAfter(long atMs) throws SQLException {
		return queryLong("SELECT MIN(dispatched_at) FROM run_logs WHERE dispatched_at >= " + atMs);
	}

	private long queryLong(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl(), "root", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
