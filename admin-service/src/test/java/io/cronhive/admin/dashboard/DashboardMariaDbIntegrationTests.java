package io.cronhive.admin.dashboard;

import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's grouped statements on MariaDB, where division and booleans differ from H2. */
@ApiIntegrationTest
class DashboardMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("dashboard");

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
	void aggregatesRunsLatenessAndMissedFiresOfTheLastMinutes() {
		long at = System.currentTimeMillis() - 1_000;
		for (int i = 0; i < 8; i++) {
			run(at, 1, 3);
		}
		run(at, 1, 1_700);
		run(at, 2, null);
		this.jdbc.sql("INSERT INTO workers (name, srv_name, online, created_at, updated_at) VALUES ('w', 's', TRUE, 0, 0)")
			.update();

		assertThat(this.mvc.get().uri("/v1/dashboard?minutes=5")).hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"bucketMs":60000,"runs":10,"ok":9,"failed":1,"missed":2,"workersOnline":1,"workersTotal":1}""")
			.hasPathSatisfying("$.minutes[*].lateP50Ms", (p) -> assertThat(p).asArray().contains(3))
			.hasPathSatisfying("$.minutes[*].lateP99Ms", (p) -> assertThat(p).asArray().contains(1_700))
			.hasPathSatisfying("$.lastFailures[0].message", (m) -> assertThat(m).asString().isEqualTo("boom"));
	}

	private void run(long createTime, int result, Integer lateMs) {
		this.jdbc.sql("""
				INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, result, create_time,
				  scheduled_at, started_at, epoch, trigger_kind, message)
				VALUES (1, '0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11', 'job', 'shell', 'finished', 2, ?, ?, ?, ?, 1, 'cron', ?)""")
			.params(result, createTime, createTime, (lateMs != null) ? createTime + lateMs : null,
					(result == 2) ? "boom" : null)
			.update();
	}

}
