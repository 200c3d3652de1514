package io.cronhive.admin.scheduling;

import java.util.List;
import java.util.Map;

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

/** Start and stop on MariaDB: all or nothing, idempotent, and only the operator's columns change. */
@ApiIntegrationTest
class SchedulingMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("scheduling");

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
	void startWithOneUnknownIdChangesNothingAndListsTheUnknownIds() {
		long a = job();
		long b = job();
		Map<String, Object> before = schedule(a);
		assertThat(start("{\"jobIds\":[" + a + "," + b + ",987654,\"6f1c0c8e-5b7a-4f57-9a39-2f0f2f6a0c01\"]}"))
			.hasStatus(404)
			.bodyJson()
			.hasPathSatisfying("$.unknownIds", (ids) -> assertThat(ids).asArray()
				.containsExactly("987654", "6f1c0c8e-5b7a-4f57-9a39-2f0f2f6a0c01"));
		assertThat(schedule(a)).isEqualTo(before);
		assertThat(schedule(b).get("scheduled")).isEqualTo(false);
		assertThat(schedule(b).get("revision")).isEqualTo(0L);
	}

	@Test
	void startByIdAndUuidSchedulesAllAndRepeatingItChangesNothing() {
		long a = job();
		long b = job();
		String uuid = this.jdbc.sql("SELECT job_id FROM jobs WHERE id = ?").param(b).query(String.class).single();
		this.jdbc.sql("UPDATE job_schedules SET next_fire_at = 5 WHERE job_id IN (?, ?)").params(a, b).update();
		String body = "{\"jobIds\":[" + a + ",\"" + uuid + "\"]}";
		assertThat(start(body)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.jobs[*].changed", (c) -> assertThat(c).asArray().containsExactly(true, true));
		for (long id : List.of(a, b)) {
			assertThat(schedule(id)).containsEntry("scheduled", true).containsEntry("revision", 1L)
				.containsEntry("next_fire_at", null).containsEntry("not_before", null);
		}
		this.jdbc.sql("UPDATE job_schedules SET next_fire_at = 777 WHERE job_id = ?").param(a).update();
		assertThat(start(body)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.jobs[*].changed", (c) -> assertThat(c).asArray().containsExactly(false, false));
		// The master's plan is left alone by a repeated start.
		assertThat(schedule(a)).containsEntry("revision", 1L).containsEntry("next_fire_at", 777L);
	}

	@Test
	void delayedStartSetsNotBeforeAndStopUnschedulesWithNewRevision() {
		long a = job();
		long before = System.currentTimeMillis();
		assertThat(start("{\"jobIds\":[" + a + "],\"delaySeconds\":60}")).hasStatus(200);
		assertThat((Long) schedule(a).get("not_before")).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
		assertThat(this.mvc.delete().uri("/v1/schedulers?jobIds=" + a)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.jobs[0].scheduled", (s) -> assertThat(s).asBoolean().isFalse());
		assertThat(schedule(a)).containsEntry("scheduled", false).containsEntry("revision", 2L);
		assertThat(this.mvc.delete().uri("/v1/schedulers?jobIds=" + a)).hasStatus(200);
		assertThat(schedule(a)).containsEntry("revision", 2L);
	}

	@Test
	void stopWithUnknownIdLeavesScheduledJobsRunning() {
		long a = job();
		assertThat(start("{\"jobIds\":[" + a + "]}")).hasStatus(200);
		assertThat(this.mvc.delete().uri("/v1/schedulers?jobIds=" + a + ",999999")).hasStatus(404);
		assertThat(schedule(a)).containsEntry("scheduled", true).containsEntry("revision", 1L);
	}

	private MvcTestResult start(String body) {
		return this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private long job() {
		MvcTestResult result = this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"s-" + System.nanoTime() + "\",\"cron\":\"*/2 * * * * ?\",\"type\":\"shell\",\"target\":\"true\"}")
			.exchange();
		assertThat(result).hasStatus(201);
		return Long.parseLong(result.getResponse().getHeader("Location").replace("/v1/jobs/", ""));
	}

	private Map<String, Object> schedule(long id) {
		return this.jdbc.sql("SELECT scheduled, not_before, next_fire_at, revision FROM job_schedules WHERE job_id = ?")
			.param(id)
			.query((rs, row) -> {
				Map<String, Object> map = new java.util.HashMap<>();
				map.put("scheduled", rs.getBoolean("scheduled"));
				map.put("not_before", rs.getObject("not_before", Long.class));
				map.put("next_fire_at", rs.getObject("next_fire_at", Long.class));
				map.put("revision", rs.getLong("revision"));
				return map;
			})
			.single();
	}

}
