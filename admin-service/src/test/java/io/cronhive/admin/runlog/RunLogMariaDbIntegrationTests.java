package io.cronhive.admin.runlog;

import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Run now, run history and kill on MariaDB, with rows shaped the way master-service leaves them. */
@ApiIntegrationTest
class RunLogMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("runlogs");

	@DynamicPropertySource
	static void datasource(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void runNowInsertsRequestedManualRunForTheLeader() {
		long job = job("manual");
		long run = runNow(job);
		assertThat(this.jdbc.sql("SELECT state, trigger_kind, epoch, status, username, slot_key FROM run_logs WHERE id = ?")
			.param(run)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getInt(4) + "|"
					+ rs.getString(5) + "|" + rs.getString(6))
			.single()).matches("requested\\|manual\\|0\\|3\\|alice\\|manual:[0-9a-f-]{36}");
	}

	@Test
	void killCancelsUnclaimedRunFlagsDispatchedRunAndRefusesFinishedRun() {
		long job = job("kill");
		long requested = runNow(job);
		assertThat(this.mvc.post().uri("/v1/scheduler-logs/" + requested + "/kill").principal(() -> "bob")).hasStatus(202)
			.bodyJson()
			.hasPathSatisfying("$.state", (s) -> assertThat(s).asString().isEqualTo("finished"))
			.hasPathSatisfying("$.statusName", (s) -> assertThat(s).asString().isEqualTo("error"))
			.hasPathSatisfying("$.message", (m) -> assertThat(m).asString().contains("bob"));
		long dispatched = runNow(job);
		this.jdbc.sql("UPDATE run_logs SET state = 'dispatched', status = 1, epoch = 3 WHERE id = ?").param(dispatched).update();
		assertThat(this.mvc.post().uri("/v1/scheduler-logs/" + dispatched + "/kill")).hasStatus(202)
			.bodyJson()
			.hasPathSatisfying("$.state", (s) -> assertThat(s).asString().isEqualTo("dispatched"));
		assertThat(this.jdbc.sql("SELECT kill_requested_at FROM run_logs WHERE id = ?").param(dispatched).query(Long.class).single())
			.isNotNull();
		assertThat(this.mvc.post().uri("/v1/scheduler-logs/" + requested + "/kill")).hasStatus(409);
		assertThat(this.mvc.post().uri("/v1/scheduler-logs/99999999/kill")).hasStatus(404);
	}

	@Test
	void listFiltersNewestFirstAndDetailCarriesOutput() {
		long job = job("history");
		long first = runNow(job);
		long second = runNow(job);
		this.jdbc.sql("""
				UPDATE run_logs SET state = 'finished', status = 2, result = 1, worker_name = 'w1', worker_ip = '10.1.1.1',
				exit_code = 0, times = 12, output = 'hello', started_at = 1, ended_at = 13 WHERE id = ?""").param(first).update();
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?jobId=" + job))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.items[*].id", (ids) -> assertThat(ids).asArray().containsExactly((int) second, (int) first))
			.hasPathSatisfying("$.items[0]", (item) -> assertThat(item).asMap().doesNotContainKey("output"));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?jobId=" + job + "&result=1&workerName=w1"))
			.bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(1))
			.hasPathSatisfying("$.items[0].resultName", (r) -> assertThat(r).asString().isEqualTo("ok"));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/" + first))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.output", (o) -> assertThat(o).asString().isEqualTo("hello"))
			.hasPathSatisfying("$.exitCode", (c) -> assertThat(c).asNumber().isEqualTo(0));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?jobId=" + job + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"))
			.bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(0));
	}

	private long runNow(long job) {
		MvcTestResult result = this.mvc.post().uri("/v1/jobs/" + job + "/runs").principal(() -> "alice").exchange();
		assertThat(result).hasStatus(202);
		return Long.parseLong(result.getResponse().getHeader("Location").replace("/v1/scheduler-logs/", ""));
	}

	private long job(String prefix) {
		MvcTestResult result = this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + prefix + "-" + System.nanoTime() + "\",\"cron\":\"0 0 * * *\",\"type\":\"shell\",\"target\":\"true\"}")
			.exchange();
		assertThat(result).hasStatus(201);
		return Long.parseLong(result.getResponse().getHeader("Location").replace("/v1/jobs/", ""));
	}

}
