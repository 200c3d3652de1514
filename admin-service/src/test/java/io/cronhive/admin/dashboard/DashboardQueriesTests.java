package io.cronhive.admin.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's aggregations on the Flyway schema in H2's MySQL mode. */
@DataJpaTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:dashboard;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.jpa.hibernate.ddl-auto=validate" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ DashboardQueries.class, DashboardQueriesTests.FixedClock.class })
class DashboardQueriesTests {

	// 2026-01-01T10:00:30Z: the window of 10 minutes ends at 10:01 and starts at 09:51.
	static final long NOW = Instant.parse("2026-01-01T10:00:30Z").toEpochMilli();

	static final long MINUTE = 60_000;

	static final long LAST_MINUTE = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

	@Autowired
	DashboardQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void countsRunsPerMinuteByResultWithEmptyMinutesKept() {
		run(LAST_MINUTE + 1_000, "cron", 1, 10, "finished", null);
		run(LAST_MINUTE + 2_000, "cron", 1, 20, "finished", null);
		run(LAST_MINUTE + 3_000, "cron", 2, 30, "finished", "exit 3");
		run(LAST_MINUTE - MINUTE, "manual", null, null, "requested", null);
		run(LAST_MINUTE - 20 * MINUTE, "cron", 1, 5, "finished", null);

		DashboardView view = this.queries.lastMinutes(10);

		assertThat(view.bucketMs()).isEqualTo(MINUTE);
		assertThat(view.minutes()).hasSize(10);
		assertThat(view.minutes().get(9).start()).isEqualTo(LAST_MINUTE);
		assertThat(view.minutes().get(9)).extracting("ok", "failed", "other").containsExactly(2L, 1L, 0L);
		assertThat(view.minutes().get(8)).extracting("ok", "failed", "other").containsExactly(0L, 0L, 1L);
		assertThat(view.minutes().get(0)).extracting("ok", "failed", "other", "lateP50Ms")
			.containsExactly(0L, 0L, 0L, null);
		assertThat(view).extracting("runs", "ok", "failed").containsExactly(4L, 2L, 1L);
	}

	@Test
	void latenessPercentilesAreBinEdgesCappedByTheLargestSeenAndLateOrUndeliveredRunsCountAsMissed() {
		for (int i = 0; i < 98; i++) {
			run(LAST_MINUTE + i, "cron", 1, 4, "finished", null);
		}
		run(LAST_MINUTE + 200, "cron", 1, 1_700, "finished", null);
		run(LAST_MINUTE + 300, "cron", 1, 2_500, "finished", null);
		run(LAST_MINUTE + 400, "cron", 2, null, "finished", "no worker with tag gpu");
		run(LAST_MINUTE + 500, "manual", 1, 9_000, "finished", null);

		DashboardView.Bucket last = this.queries.lastMinutes(10).minutes().get(9);

		assertThat(last.lateP50Ms()).isEqualTo(4L);
		assertThat(last.lateP99Ms()).isEqualTo(1_700L);
		assertThat(last.missed()).isEqualTo(3L);
	}

	@Test
	void listsTheLastFailuresNewestFirstAndWorkersOnline() {
		run(LAST_MINUTE, "cron", 2, 3, "finished", "first");
		run(LAST_MINUTE, "cron", 2, 3, "finished", "second");
		worker("w1", true);
		worker("w2", false);

		DashboardView view = this.queries.lastMinutes(60);

		assertThat(view.lastFailures()).extracting("message").startsWith("second", "first");
		assertThat(view.workersOnline()).isEqualTo(1);
		assertThat(view.workersTotal()).isEqualTo(2);
	}

	private void run(long createTime, String trigger, Integer result, Integer lateMs, String state, String message) {
		this.jdbc.sql("""
				INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, result, create_time,
				  scheduled_at, started_at, epoch, trigger_kind, message)
				VALUES (1, '0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11', 'job', 'shell', ?, 2, ?, ?, ?, ?, 1, ?, ?)""")
			.params(state, result, createTime, createTime, (lateMs != null) ? createTime + lateMs : null, trigger,
					message)
			.update();
	}

	private void worker(String name, boolean online) {
		this.jdbc.sql("INSERT INTO workers (name, srv_name, online, created_at, updated_at) VALUES (?, 'w', ?, 0, 0)")
			.params(name, online)
			.update();
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
		}

	}

}
