package io.cronhive.admin.workergroup;

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

/** Worker groups on MariaDB: members by id and by tag, status from liveness, and deletion guarded by jobs. */
@ApiIntegrationTest
class WorkerGroupMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("groups");

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

	@Autowired
	GroupStatusRefresher refresher;

	@Test
	void membersByTagIncludeWorkersThatAppearLaterAndOneOfflineMemberMakesGroupAbnormal() {
		String tag = "t" + System.nanoTime();
		long a = worker("a-" + tag, null, true);
		long group = create("{\"name\":\"g-" + tag + "\",\"workerIds\":[" + a + "],\"tags\":[\"" + tag + "\"]}");
		assertThat(this.mvc.get().uri("/v1/worker-groups/" + group)).bodyJson()
			.hasPathSatisfying("$.workers[*].name", (n) -> assertThat(n).asArray().containsExactly("a-" + tag))
			.hasPathSatisfying("$.statusName", (s) -> assertThat(s).asString().isEqualTo("normal"));
		worker("b-" + tag, tag, false);
		assertThat(this.mvc.get().uri("/v1/worker-groups/" + group)).bodyJson()
			.hasPathSatisfying("$.workers[*].name", (n) -> assertThat(n).asArray().containsExactly("a-" + tag, "b-" + tag))
			.hasPathSatisfying("$.status", (s) -> assertThat(s).asNumber().isEqualTo(2))
			.hasPathSatisfying("$.statusReason", (r) -> assertThat(r).asString().contains("b-" + tag));
		this.refresher.refresh();
		assertThat(storedStatus(group)).isEqualTo(2);
		this.jdbc.sql("UPDATE workers SET online = TRUE WHERE name = ?").param("b-" + tag).update();
		this.refresher.refresh();
		assertThat(storedStatus(group)).isEqualTo(1);
	}

	@Test
	void unknownWorkerIdIs400NamingWorkerIds() {
		assertThat(this.mvc.post().uri("/v1/worker-groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"unknown-" + System.nanoTime() + "\",\"workerIds\":[987654321]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("workerIds"));
	}

	@Test
	void groupUsedByJobsIsNotDeletedAndProblemListsTheJobs() {
		long group = create("{\"name\":\"used-" + System.nanoTime() + "\",\"tags\":[\"x\"]}");
		MvcTestResult job = this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"on-group-" + System.nanoTime() + "\",\"groupId\":" + group
					+ ",\"cron\":\"* * * * *\",\"type\":\"shell\",\"target\":\"true\"}")
			.exchange();
		assertThat(job).hasStatus(201).bodyJson()
			.hasPathSatisfying("$.groupName", (n) -> assertThat(n).asString().startsWith("used-"));
		assertThat(this.mvc.delete().uri("/v1/worker-groups/" + group))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/group-in-use"))
			.hasPathSatisfying("$.jobs[0].name", (n) -> assertThat(n).asString().startsWith("on-group-"));
		assertThat(this.mvc.get().uri("/v1/worker-groups/" + group)).hasStatus(200);
		long unused = create("{\"name\":\"unused-" + System.nanoTime() + "\"}");
		assertThat(this.mvc.delete().uri("/v1/worker-groups/" + unused)).hasStatus(204);
	}

	private long create(String body) {
		MvcTestResult result = this.mvc.post().uri("/v1/worker-groups").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatus(201);
		return Long.parseLong(result.getResponse().getHeader("Location").replace("/v1/worker-groups/", ""));
	}

	private long worker(String name, String tag, boolean online) {
		this.jdbc.sql("""
				INSERT INTO workers (name, host, srv_name, tag, online, running, created_at, updated_at, version)
				VALUES (?, '10.0.0.1', 'w', ?, ?, 0, 1, 1, 0)""").params(name, tag, online).update();
		return this.jdbc.sql("SELECT id FROM workers WHERE name = ?").param(name).query(Long.class).single();
	}

	private int storedStatus(long group) {
		return this.jdbc.sql("SELECT status FROM worker_groups WHERE id = ?").param(group).query(Integer.class).single();
	}

}
