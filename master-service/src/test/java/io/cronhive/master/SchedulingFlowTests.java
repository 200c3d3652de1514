package io.cronhive.master;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cronhive.common.signing.ClusterSecret;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole master in one JVM against a migrated H2 database and a fake worker speaking the signed protocol:
 * it leads, fires every-second slots on time, dispatches, and applies the worker's reports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchedulingFlowTests {

	private static final String SECRET = "scheduling-flow-tests-cluster-secret-0123456789";

	// H2 by default (the embedded default); -Dcronhive.flow.db=MARIADB runs the same flow on MariaDB.
	private static final TestDatabase db = TestDatabase
		.create(TestDatabase.Kind.valueOf(System.getProperty("cronhive.flow.db", "H2")))
		.dropOnExit();

	private static int masterPort;

	private static final FakeWorker worker = start();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private FeignClientFactory feignClients;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> db.jdbcUrl());
		registry.add("spring.datasource.username", () -> (db.kind() == TestDatabase.Kind.H2) ? "sa" : "root");
		registry.add("cronhive.cluster-secret", () -> SECRET);
		registry.add("eureka.client.enabled", () -> "false");
		registry.add("spring.cloud.discovery.client.simple.instances.host-a[0].uri", () -> worker.uri().toString());
		registry.add("spring.cloud.discovery.client.simple.instances.host-a[0].instance-id", () -> "host-a-1");
		registry.add("spring.cloud.discovery.client.simple.instances.host-a[0].metadata.cronhive-role", () -> "worker");
		registry.add("spring.cloud.discovery.client.simple.instances.host-a[0].metadata.workerName", () -> "w1");
		registry.add("spring.cloud.discovery.client.simple.instances.host-a[0].metadata.host", () -> "127.0.0.1");
	}

	private static FakeWorker start() {
		try {
			return new FakeWorker("w1", ClusterSecret.of(SECRET), () -> masterPort);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@BeforeEach
	void awaitLeadership() {
		masterPort = this.port;
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM masters WHERE status = 1").query(Long.class).single() == 1);
	}

	@Test
	void workerClientConvertersAreBuiltBeforeAnyDispatch() {
		FeignHttpMessageConverters converters = this.feignClients.getInstance("worker",
				FeignHttpMessageConverters.class);

		// Built lazily and unsynchronized by OpenFeign 5.0, they failed a new leader's first concurrent batches.
		assertThat(ReflectionTestUtils.getField(converters, "converters")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.isNotEmpty();
	}

	@AfterAll
	static void close() {
		worker.close();
	}

	@Test
	void firesEverySecondJobOnTimeOncePerSlotAndAppliesReports() {
		long jobId = db.insertJob("every-second", "* * * * * ?", true, null, "fire_once");
		await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(jobId) >= 4);
		List<Map<String, Object>> runs = this.jdbc
			.sql("SELECT slot_key, scheduled_at, dispatched_at, status, result, worker_name FROM run_logs "
					+ "WHERE job_id = ? AND state = 'finished'")
			.param(jobId)
			.query()
			.listOfRows();
		assertThat(runs).allSatisfy((run) -> {
			assertThat(((Number) run.get("status")).intValue()).isEqualTo(2);
			assertThat(run.get("worker_name")).isEqualTo("w1");
			// Jobs allowing overlap go to their worker the lead (500 ms) ahead; the worker holds them.
			long late = ((Number) run.get("dispatched_at")).longValue() - ((Number) run.get("scheduled_at")).longValue();
			assertThat(late).isBetween(-500L, 500L);
		});
		assertThat(runs).extracting((run) -> run.get("slot_key")).doesNotHaveDuplicates();
		assertThat(worker.refused()).isEmpty();
		String metrics = org.springframework.web.client.RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		assertThat(metrics).contains("cronhive_trigger_lateness_seconds_bucket")
			.contains("cronhive_trigger_lateness_seconds_bucket{kind=\"cron\",le=\"0.016777216\"}")
			.contains("cronhive_runs_finished_total{result=\"ok\"}")
			.contains("cronhive_leader_epoch")
			.contains("cronhive_leader_changes_total")
			.contains("cronhive_trigger_missed_total{outcome=\"fired_once\"}");
		assertThat(this.jdbc.sql("SELECT status FROM jobs WHERE id = ?").param(jobId).query(Integer.class).single())
			.isIn(1, 2);
		stop(jobId);
	}

	@Test
	void slotsSkippedByTheSkipPolicyLeaveOneFinishedRecordThatSaysSoAndNothingIsSent() {
		// Ten seconds of slots passed with no master to fire them (a stopped cluster, an outage).
		long jobId = db.insertJob("skip-gap", "* * * * * ?", true, (System.currentTimeMillis() / 1000 - 10) * 1000, "skip");
		await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(jobId) >= 3);
		stop(jobId);
		List<Map<String, Object>> skipped = this.jdbc
			.sql("SELECT state, result, message, dispatched_at FROM run_logs WHERE job_id = ? AND trigger_kind = 'skipped'")
			.param(jobId)
			.query()
			.listOfRows();
		assertThat(skipped).singleElement().satisfies((row) -> {
			assertThat(row.get("state")).isEqualTo("finished");
			assertThat(((Number) row.get("result")).intValue()).isEqualTo(2);
			assertThat((String) row.get("message")).startsWith("skipped by the job's misfire policy (skip): ")
				.contains(" slot(s) up to ");
			assertThat(row.get("dispatched_at")).as("never sent").isNull();
		});
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND trigger_kind = 'cron' AND status = 2")
			.param(jobId)
			.query(Long.class)
			.single()).as("the schedule goes on with the next slots").isPositive();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND trigger_kind = 'catchup'")
			.param(jobId)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void runWithoutMatchingWorkerFailsSayingWhy() {
		long jobId = db.insertJob("needs-gpu", "* * * * * ?", true, null, "fire_once");
		this.jdbc.sql("UPDATE jobs SET tag = 'gpu' WHERE id = ?").param(jobId).update();
		this.jdbc.sql("UPDATE job_schedules SET revision = revision + 1 WHERE job_id = ?").param(jobId).update();
		await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(jobId) >= 1);
		Map<String, Object> run = this.jdbc
			.sql("SELECT status, result, message FROM run_logs WHERE job_id = ? AND state = 'finished' ORDER BY id LIMIT 1")
			.param(jobId)
			.query()
			.singleRow();
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(4);
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(2);
		assertThat(run.get("message")).isEqualTo("no online worker has tag 'gpu'");
		stop(jobId);
	}

	@Test
	void manualRunRequestedByAdminIsDispatched() {
		long jobId = db.insertJob("manual-only", "0 0 0 1 1 ? 2099", false, null, "fire_once");
		this.jdbc.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
				+ "epoch, trigger_kind, slot_key) SELECT id, job_id, name, type, 'requested', 3, 0, ?, 0, 'manual', "
				+ "'manual:flow' FROM jobs WHERE id = ?")
			.params(System.currentTimeMillis(), jobId)
			.update();
		await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(jobId) == 1);
		assertThat(this.jdbc.sql("SELECT trigger_kind FROM run_logs WHERE job_id = ?").param(jobId).query(String.class).single())
			.isEqualTo("manual");
	}

	@Test
	void stoppedJobStopsFiring() {
		long jobId = db.insertJob("stopped", "* * * * * ?", true, null, "fire_once");
		await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(jobId) >= 1);
		stop(jobId);
		// Runs already handed to the worker may still report; after that nothing new may start.
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> inFlight(jobId) == 0);
		long settled = runCount(jobId);
		await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(runCount(jobId)).isEqualTo(settled);
	}

	private void stop(long jobId) {
		this.jdbc.sql("UPDATE job_schedules SET scheduled = FALSE, next_fire_at = NULL, revision = revision + 1 "
				+ "WHERE job_id = ?").param(jobId).update();
	}

	private long finishedRuns(long jobId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND state = 'finished'")
			.param(jobId)
			.query(Long.class)
			.single();
	}

	private long inFlight(long jobId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND state <> 'finished'")
			.param(jobId)
			.query(Long.class)
			.single();
	}

	private long runCount(long jobId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ?").param(jobId).query(Long.class).single();
	}

}
