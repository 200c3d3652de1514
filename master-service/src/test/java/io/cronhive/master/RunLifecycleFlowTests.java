package io.cronhive.master;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.signing.ClusterSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatch failover, retries, kills and concurrency with a live fake worker and a dead one registered first:
 * what the master does when workers die, fail, or must stop a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cronhive.master.runs.reaper-interval=200ms", "cronhive.master.runs.timeout-grace=1s" })
class RunLifecycleFlowTests {

	private static final String SECRET = "run-lifecycle-flow-tests-cluster-secret-0123456789";

	// H2 by default (the embedded default); -Dcronhive.flow.db=MARIADB runs the same flow on MariaDB.
	private static final TestDatabase db = TestDatabase
		.create(TestDatabase.Kind.valueOf(System.getProperty("cronhive.flow.db", "H2")))
		.dropOnExit();

	private static int masterPort;

	private static final FakeWorker live = start();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", () -> (db.kind() == TestDatabase.Kind.H2) ? "sa" : "root");
		registry.add("cronhive.cluster-secret", () -> SECRET);
		registry.add("eureka.client.enabled", () -> "false");
		String dead = "spring.cloud.discovery.client.simple.instances.host-dead[0].";
		registry.add(dead + "uri", () -> "http://127.0.0.1:" + deadPort);
		registry.add(dead + "instance-id", () -> "a-dead-1");
		registry.add(dead + "metadata.cronhive-role", () -> "worker");
		registry.add(dead + "metadata.workerName", () -> "dead");
		String alive = "spring.cloud.discovery.client.simple.instances.host-live[0].";
		registry.add(alive + "uri", () -> live.uri().toString());
		registry.add(alive + "instance-id", () -> "b-live-1");
		registry.add(alive + "metadata.cronhive-role", () -> "worker");
		registry.add(alive + "metadata.workerName", () -> "live");
	}

	private static FakeWorker start() {
		try {
			return new FakeWorker("live", ClusterSecret.of(SECRET), () -> masterPort);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@BeforeEach
	void awaitLeadership() {
		masterPort = this.port;
		live.outcome((request) -> RunOutcome.OK);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM masters WHERE status = 1").query(Long.class).single() == 1);
	}

	@AfterAll
	static void close() {
		live.close();
	}

	@Test
	void runsFailOverFromADeadWorkerToTheNextCandidate() {
		long jobId = db.insertJob("failover", "* * * * * ?", true, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET routing = 'failover' WHERE id = ?").param(jobId).update();
		await().atMost(Duration.ofSeconds(20)).until(() -> count(jobId, "state = 'finished' AND status = 2") >= 3);
		assertThat(count(jobId, "status = 4")).isZero();
		assertThat(this.jdbc.sql("SELECT DISTINCT worker_name FROM run_logs WHERE job_id = ? AND state = 'finished'")
			.param(jobId)
			.query(String.class)
			.list()).containsExactly("live");
		stop(jobId);
	}

	@Test
	void failedRunIsRetriedWithTheNextAttempt() {
		long jobId = db.insertJob("retried", "0 0 0 1 1 ? 2099", false, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET retries = 1, retry_backoff_ms = 100 WHERE id = ?").param(jobId).update();
		live.outcome((request) -> (request.attempt() == 1) ? RunOutcome.FAILED : RunOutcome.OK);
		requestRun(jobId, "manual:retry");
		await().atMost(Duration.ofSeconds(20)).until(() -> count(jobId, "state = 'finished'") == 2);
		List<Map<String, Object>> runs = this.jdbc
			.sql("SELECT attempt, trigger_kind, result, slot_key, parent_run_id FROM run_logs WHERE job_id = ? ORDER BY id")
			.param(jobId)
			.query()
			.listOfRows();
		assertThat(runs.get(0)).containsEntry("trigger_kind", "manual");
		assertThat(((Number) runs.get(0).get("result")).intValue()).isEqualTo(2);
		assertThat(runs.get(1)).containsEntry("trigger_kind", "retry");
		assertThat(((Number) runs.get(1).get("attempt")).intValue()).isEqualTo(2);
		assertThat(((Number) runs.get(1).get("result")).intValue()).isEqualTo(1);
		assertThat((String) runs.get(1).get("slot_key")).startsWith("retry:");
	}

	@Test
	void operatorsKillRequestIsForwardedToTheWorkerOnce() {
		long jobId = db.insertJob("killed", "0 0 0 1 1 ? 2099", false, null, "fire_once");
		live.outcome((request) -> null);
		requestRun(jobId, "manual:kill");
		await().atMost(Duration.ofSeconds(20)).until(() -> count(jobId, "state = 'dispatched' AND status = 1") == 1);
		long runId = this.jdbc.sql("SELECT id FROM run_logs WHERE job_id = ?").param(jobId).query(Long.class).single();
		this.jdbc.sql("UPDATE run_logs SET kill_requested_at = ? WHERE id = ?")
			.params(System.currentTimeMillis(), runId)
			.update();
		await().atMost(Duration.ofSeconds(10)).until(() -> live.kills().contains(runId));
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(live.kills().stream().filter((id) -> id == runId)).hasSize(1);
	}

	@Test
	void runStuckFarBeyondItsTimeoutIsMarkedErrorAndKilled() {
		long jobId = db.insertJob("stuck", "0 0 0 1 1 ? 2099", false, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET timeout_ms = 500 WHERE id = ?").param(jobId).update();
		live.outcome((request) -> null);
		requestRun(jobId, "manual:stuck");
		await().atMost(Duration.ofSeconds(20)).until(() -> count(jobId, "state = 'finished' AND status = 4") == 1);
		long runId = this.jdbc.sql("SELECT id FROM run_logs WHERE job_id = ?").param(jobId).query(Long.class).single();
		assertThat(this.jdbc.sql("SELECT message FROM run_logs WHERE id = ?").param(runId).query(String.class).single())
			.startsWith("timed out");
		await().atMost(Duration.ofSeconds(5)).until(() -> live.kills().contains(runId));
	}

	@Test
	void skipConcurrencyPolicySkipsSlotsWhileARunIsInFlight() {
		long jobId = db.insertJob("no-overlap", "* * * * * ?", true, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET concurrency = 'skip' WHERE id = ?").param(jobId).update();
		live.outcome((request) -> null);
		await().atMost(Duration.ofSeconds(20)).until(() -> count(jobId, "message LIKE 'skipped:%'") >= 2);
		assertThat(count(jobId, "state = 'dispatched'")).isEqualTo(1);
		stop(jobId);
	}

	@Test
	void broadcastRunsOnceOnEveryReachableWorker() {
		long jobId = db.insertJob("everywhere", "0 0 0 1 1 ? 2099", false, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET routing = 'broadcast' WHERE id = ?").param(jobId).update();
		requestRun(jobId, "manual:broadcast");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count(jobId, "parent_run_id IS NOT NULL AND worker_name = 'live' AND state = 'finished'") == 1);
		assertThat(this.jdbc.sql("SELECT message FROM run_logs WHERE job_id = ? AND parent_run_id IS NULL")
			.param(jobId)
			.query(String.class)
			.single()).startsWith("broadcast to");
		assertThat(count(jobId, "parent_run_id IS NOT NULL AND status = 2")).isEqualTo(1);
	}

	private void requestRun(long jobId, String slotKey) {
		this.jdbc.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
				+ "epoch, trigger_kind, slot_key) SELECT id, job_id, name, type, 'requested', 3, 0, ?, 0, 'manual', ? "
				+ "FROM jobs WHERE id = ?")
			.params(System.currentTimeMillis(), slotKey, jobId)
			.update();
	}

	private void stop(long jobId) {
		this.jdbc.sql("UPDATE job_schedules SET scheduled = FALSE, next_fire_at = NULL, revision = revision + 1 "
				+ "WHERE job_id = ?").param(jobId).update();
	}

	private long count(long jobId, String condition) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND " + condition)
			.param(jobId)
			.query(Long.class)
			.single();
	}

}
