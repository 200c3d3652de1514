package io.cronhive.admin.job;

import java.security.Principal;

import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs through the whole service on MariaDB: what is stored, what is refused, and what is never overwritten. */
@ApiIntegrationTest
class JobApiMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("jobs");

	static final Principal ALICE = () -> "alice";

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
	JsonMapper json;

	@Test
	void createStoresDefinitionCallerAndUnscheduledScheduleRow() {
		JsonNode job = created("create-" + System.nanoTime(), "0 */5 * * * ?");
		long id = job.get("id").asLong();
		assertThat(job.get("jobId").asString()).hasSize(36);
		assertThat(job.get("username").asString()).isEqualTo("alice");
		assertThat(job.get("status").asInt()).isEqualTo(3);
		assertThat(job.get("statusName").asString()).isEqualTo("unknown");
		assertThat(job.get("scheduled").asBoolean()).isFalse();
		assertThat(this.jdbc.sql("SELECT scheduled FROM job_schedules WHERE job_id = ?").param(id).query(Boolean.class).single())
			.isFalse();
		// Off unless the job says its target is safe to call twice.
		assertThat(job.get("idempotent").asBoolean()).isFalse();
	}

	@Test
	void aJobCanSayItsTargetIsSafeToCallTwice() {
		String body = body("idempotent-" + System.nanoTime(), "* * * * *").replace("\"retries\":2",
				"\"retries\":2,\"idempotent\":true");
		MvcTestResult result = post(body);
		assertThat(result).hasStatus(201);
		JsonNode job = this.json.readTree(result.getResponse().getContentAsByteArray());

		assertThat(job.get("idempotent").asBoolean()).isTrue();
		assertThat(this.jdbc.sql("SELECT idempotent FROM jobs WHERE id = ?").param(job.get("id").asLong())
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void duplicateNameIsRefusedWith409AndNothingIsWritten() {
		String name = "dup-" + System.nanoTime();
		created(name, "* * * * *");
		long before = count();
		assertThat(post(body(name, "* * * * *"))).hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("name"));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void invalidCronIsRefusedWithProblemNamingCronAndNothingIsWritten() {
		long before = count();
		assertThat(post(body("bad-cron-" + System.nanoTime(), "0 0 25 * * ?"))).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("cron"));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void staleVersionUpdateIsRefusedAndCurrentVersionWins() {
		String name = "lock-" + System.nanoTime();
		long id = created(name, "* * * * *").get("id").asLong();
		assertThat(put(id, bodyWithVersion(name, "*/2 * * * *", 0), null)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.version", (v) -> assertThat(v).asNumber().isEqualTo(1));
		// A second editor who also read version 0 must not silently overwrite the first edit.
		assertThat(put(id, bodyWithVersion(name, "*/3 * * * *", 0), null)).hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/stale-version"));
		assertThat(put(id, body(name, "*/3 * * * *"), "\"0\"")).hasStatus(412);
		assertThat(put(id, body(name, "*/3 * * * *"), null)).hasStatus(428);
		assertThat(this.jdbc.sql("SELECT cron FROM jobs WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("*/2 * * * *");
		assertThat(put(id, body(name, "*/3 * * * *"), "\"1\"")).hasStatus(200).hasHeader("ETag", "\"2\"");
	}

	@Test
	void cronChangeResetsPlannedSlotAndBumpsRevisionWhileLastRunColumnsSurviveEdits() {
		String name = "replan-" + System.nanoTime();
		long id = created(name, "* * * * *").get("id").asLong();
		// What master-service writes: a planned slot and the last run's outcome.
		this.jdbc.sql("UPDATE job_schedules SET scheduled = TRUE, next_fire_at = 123, revision = 4 WHERE job_id = ?").param(id).update();
		this.jdbc.sql("UPDATE jobs SET status = 2, result = 1, ip = '10.0.0.7', times = 42 WHERE id = ?").param(id).update();
		assertThat(put(id, bodyWithVersion(name, "* * * * *", 0), null)).hasStatus(200);
		assertThat(nextFireAt(id)).isEqualTo(123L);
		MvcTestResult changed = put(id, bodyWithVersion(name, "*/7 * * * *", 1), null);
		assertThat(changed).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.statusName", (s) -> assertThat(s).asString().isEqualTo("done"))
			.hasPathSatisfying("$.resultName", (r) -> assertThat(r).asString().isEqualTo("ok"))
			.hasPathSatisfying("$.ip", (ip) -> assertThat(ip).asString().isEqualTo("10.0.0.7"));
		assertThat(nextFireAt(id)).isNull();
		assertThat(this.jdbc.sql("SELECT revision FROM job_schedules WHERE job_id = ?").param(id).query(Long.class).single())
			.isEqualTo(5L);
	}

	@Test
	void listFiltersPagesAndSorts() {
		String prefix = "list-" + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			created(prefix + "-" + i, "* * * * *");
		}
		assertThat(this.mvc.get().uri("/v1/jobs?name=" + prefix + "&size=2&sort=name,desc"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(3))
			.hasPathSatisfying("$.items[*].name", (n) -> assertThat(n).asArray().containsExactly(prefix + "-2", prefix + "-1"));
		assertThat(this.mvc.get().uri("/v1/jobs?name=" + prefix + "&scheduled=true"))
			.bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(0));
	}

	@Test
	void deleteRemovesJobAndScheduleButKeepsRunHistory() {
		long id = created("delete-" + System.nanoTime(), "* * * * *").get("id").asLong();
		assertThat(this.mvc.post().uri("/v1/jobs/" + id + "/runs").principal(ALICE)).hasStatus(202);
		assertThat(this.mvc.delete().uri("/v1/jobs/" + id)).hasStatus(204);
		assertThat(this.mvc.get().uri("/v1/jobs/" + id)).hasStatus(404);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM job_schedules WHERE job_id = ?").param(id).query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ?").param(id).query(Long.class).single()).isOne();
	}

	private JsonNode created(String name, String cron) {
		MvcTestResult result = post(body(name, cron));
		assertThat(result).hasStatus(201);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private MvcTestResult post(String body) {
		return this.mvc.post().uri("/v1/jobs").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private MvcTestResult put(long id, String body, String ifMatch) {
		var request = this.mvc.put().uri("/v1/jobs/" + id).principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(body);
		return (ifMatch != null) ? request.header("If-Match", ifMatch).exchange() : request.exchange();
	}

	private long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
	}

	private Long nextFireAt(long id) {
		return this.jdbc.sql("SELECT next_fire_at FROM job_schedules WHERE job_id = ?").param(id).query(Long.class).optional().orElse(null);
	}

	private static String body(String name, String cron) {
		return """
				{"name":"%s","cron":"%s","type":"shell","target":"echo hi","timeZone":"Europe/Paris","retries":2,
				 "routing":"least_busy","parameters":{"env":"prod"}}""".formatted(name, cron);
	}

	private static String bodyWithVersion(String name, String cron, long version) {
		return body(name, cron).replace("\"retries\":2", "\"retries\":2,\"version\":" + version);
	}

}
