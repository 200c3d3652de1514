package io.cronhive.admin.dependency;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import io.cronhive.admin.web.InvalidRequestException;
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

/** Job dependencies through the whole service on MariaDB: what is stored, refused, shown and kept on delete. */
@ApiIntegrationTest
class DependencyApiMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("deps");

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

	@Autowired
	DependencyService dependencies;

	@Test
	void parentWithTwoChildrenAndAJoinShowsUpstreamAndDownstream() {
		String tag = unique();
		long left = create("left-" + tag, "");
		long right = create("right-" + tag, "");
		long parent = create("parent-" + tag, ",\"children\":[{\"jobId\":" + left + "},{\"jobId\":" + right
				+ ",\"on\":\"ALWAYS\"}]");
		long joined = create("joined-" + tag, ",\"joinParents\":[" + left + "," + right + "],\"joinTimeoutMs\":60000");

		JsonNode parentView = dependencies(parent);
		assertThat(parentView.get("upstream").size()).isZero();
		assertThat(parentView.get("downstream").valueStream().map((l) -> l.get("name").asString() + ":"
				+ l.get("kind").asString() + ":" + l.get("on").asString()))
			.containsExactlyInAnyOrder("left-" + tag + ":trigger:success", "right-" + tag + ":trigger:always");
		JsonNode leftView = dependencies(left);
		assertThat(leftView.get("upstream").get(0).get("jobId").asLong()).isEqualTo(parent);
		assertThat(leftView.get("downstream").get(0).get("kind").asString()).isEqualTo("join");
		JsonNode joinView = dependencies(joined);
		assertThat(joinView.get("joinTimeoutMs").asLong()).isEqualTo(60000);
		assertThat(joinView.get("upstream").valueStream().map((l) -> l.get("jobId").asLong()))
			.containsExactlyInAnyOrder(left, right);
	}

	@Test
	void updateThatClosesACycleIsRefusedWithAProblemNamingItAndChangesNothing() {
		String tag = unique();
		long b = create("b-" + tag, "");
		long a = create("a-" + tag, ",\"children\":[{\"jobId\":" + b + "}]");
		long version = this.jdbc.sql("SELECT version FROM jobs WHERE id = ?").param(b).query(Long.class).single();

		MvcTestResult result = put(b, body("b-" + tag, ",\"children\":[{\"jobId\":" + a + "}],\"version\":" + version));

		assertThat(result).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type",
					(t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/invalid-request"))
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("children"))
			.hasPathSatisfying("$.errors[0].message",
					(m) -> assertThat(m).asString().isEqualTo("cycle: b-" + tag + " → a-" + tag + " → b-" + tag))
			.hasPathSatisfying("$.cycle[*].id", (ids) -> assertThat(ids).asArray().containsExactly(
					(int) b, (int) a, (int) b));
		assertThat(dependencies(b).get("downstream").size()).isZero();
		assertThat(this.jdbc.sql("SELECT version FROM jobs WHERE id = ?").param(b).query(Long.class).single())
			.isEqualTo(version);
	}

	@Test
	void twoChangesThatTogetherWouldCloseACycleTakeTurnsAndTheSecondIsRefused() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 10; i++) {
				String tag = unique();
				long a = create("ra-" + tag, "");
				long b = create("rb-" + tag, "");
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Boolean> aToB = pool.submit(() -> changed(start, a, b));
				Future<Boolean> bToA = pool.submit(() -> changed(start, b, a));
				assertThat(List.of(aToB.get(30, TimeUnit.SECONDS), bToA.get(30, TimeUnit.SECONDS)))
					.as("A gets child B while B gets child A, try %d: one of them closes a cycle", i)
					.containsExactlyInAnyOrder(true, false);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private boolean changed(CyclicBarrier start, long parent, long child) throws Exception {
		start.await(10, TimeUnit.SECONDS);
		try {
			this.dependencies.replace(parent, List.of(new ChildJob(child, "success")), null, null);
			return true;
		}
		catch (InvalidRequestException refused) {
			return false;
		}
	}

	@Test
	void createWithUnknownSelfOrRepeatedChildIsRefusedNamingEachFieldAndStoresNoJob() {
		String tag = unique();
		long other = create("other-" + tag, "");
		long jobs = count();

		MvcTestResult result = post(body("bad-" + tag, ",\"children\":[{\"jobId\":999999},{\"jobId\":" + other
				+ ",\"on\":\"sometimes\"},{\"jobId\":" + other + "},{\"jobId\":" + other + "}],\"joinParents\":[null],"
				+ "\"joinTimeoutMs\":5"));

		assertThat(result).hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray()
				.containsExactly("children[0].jobId", "children[1].on", "children[3].jobId", "joinParents[0]",
						"joinTimeoutMs"))
			.hasPathSatisfying("$.errors[0].message",
					(m) -> assertThat(m).asString().isEqualTo("job 999999 does not exist"));
		assertThat(count()).isEqualTo(jobs);
	}

	@Test
	void updateWithoutDependencyFieldsKeepsThemAndAnEmptyListRemovesThem() {
		String tag = unique();
		long child = create("child-" + tag, "");
		long parent = create("parent-" + tag, ",\"children\":[{\"jobId\":" + child + ",\"on\":\"failure\"}]");

		assertThat(put(parent, body("parent-" + tag, ",\"remark\":\"edited\",\"version\":" + version(parent))))
			.hasStatus(200);
		assertThat(dependencies(parent).get("downstream").get(0).get("on").asString()).isEqualTo("failure");

		assertThat(put(parent, body("parent-" + tag, ",\"children\":[],\"version\":" + version(parent))))
			.hasStatus(200);
		assertThat(dependencies(parent).get("downstream").size()).isZero();
	}

	@Test
	void deletingAJobOthersNameIsRefusedNamingThemWhileItsOwnEdgesGoWithIt() {
		String tag = unique();
		long child = create("child-" + tag, "");
		long parent = create("parent-" + tag, ",\"children\":[{\"jobId\":" + child + "}]");

		assertThat(this.mvc.delete().uri("/v1/jobs/" + child).principal(ALICE).exchange()).hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type",
					(t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/job-has-dependents"))
			.hasPathSatisfying("$.detail", (d) -> assertThat(d).asString()
				.isEqualTo("job 'child-" + tag + "' is named in the dependencies of 'parent-" + tag
						+ "' (triggers it); remove it there before deleting it"))
			.hasPathSatisfying("$.dependents[0].id", (id) -> assertThat(id).asNumber().isEqualTo((int) parent));

		assertThat(this.mvc.delete().uri("/v1/jobs/" + parent).principal(ALICE).exchange()).hasStatus(204);
		assertThat(dependencies(child).get("upstream").size()).isZero();
		assertThat(this.mvc.delete().uri("/v1/jobs/" + child).principal(ALICE).exchange()).hasStatus(204);
	}

	@Test
	void runTreeShowsTheRunAmongItsParentAndChildren() {
		String tag = unique();
		long parentRun = insertRun(null, "p" + tag);
		long child = insertRun(parentRun, "c" + tag);
		long grandchild = insertRun(child, "g" + tag);
		long sibling = insertRun(parentRun, "s" + tag);

		assertThat(this.mvc.get().uri("/v1/scheduler-logs/" + child + "/tree").principal(ALICE)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.runId", (v) -> assertThat(v).asNumber().isEqualTo((int) child))
			.hasPathSatisfying("$.parentRunId", (v) -> assertThat(v).asNumber().isEqualTo((int) parentRun))
			.hasPathSatisfying("$.root.run.id", (v) -> assertThat(v).asNumber().isEqualTo((int) parentRun))
			.hasPathSatisfying("$.root.children[*].run.id",
					(v) -> assertThat(v).asArray().containsExactly((int) child, (int) sibling))
			.hasPathSatisfying("$.root.children[0].children[0].run.id",
					(v) -> assertThat(v).asNumber().isEqualTo((int) grandchild));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/99999999/tree").principal(ALICE)).hasStatus(404);
	}

	@Test
	void joinRunTreeNamesTheRunOfEveryParentItWaitedFor() {
		String tag = unique();
		long left = insertRun(null, "l" + tag);
		long right = insertRun(null, "r" + tag);
		this.jdbc
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
					+ "epoch, trigger_kind, slot_key, parent_run_id, instant_ms) VALUES (77, 'u', 'joined', 'shell', "
					+ "'finished', 2, 0, 0, 1, 'join', ?, ?, 5000)")
			.params("join:77:5000:" + tag, right)
			.update();
		long joined = this.jdbc.sql("SELECT id FROM run_logs WHERE slot_key = ?").param("join:77:5000:" + tag)
			.query(Long.class).single();
		for (long parentRun : new long[] { right, left }) {
			this.jdbc
				.sql("INSERT INTO join_arrivals (child_job_id, instant_ms, parent_job_id, parent_run_id, arrived_at) "
						+ "VALUES (77, 5000, ?, ?, 0)")
				.params(parentRun, parentRun)
				.update();
		}

		assertThat(this.mvc.get().uri("/v1/scheduler-logs/" + joined + "/tree").principal(ALICE)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.joinParentRunIds",
					(ids) -> assertThat(ids).asArray().containsExactly((int) left, (int) right));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/" + left + "/tree").principal(ALICE)).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.joinParentRunIds", (ids) -> assertThat(ids).asArray().isEmpty());
	}

	@Test
	void openApiDocumentsTheDependencyEndpointsAndJobFields() {
		assertThat(this.mvc.get().uri("/v1/openapi")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.paths['/v1/jobs/{id}/dependencies'].get.responses['200']",
					(op) -> assertThat(op).isNotNull())
			.hasPathSatisfying("$.paths['/v1/scheduler-logs/{id}/tree'].get.responses['200']",
					(op) -> assertThat(op).isNotNull())
			.hasPathSatisfying("$.components.schemas.JobRequest.properties",
					(props) -> assertThat(props).asMap().containsKeys("children", "joinParents", "joinTimeoutMs"));
	}

	@Test
	void dependenciesOfAMissingJobIsNotFound() {
		assertThat(this.mvc.get().uri("/v1/jobs/99999999/dependencies").principal(ALICE)).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private long insertRun(Long parentRunId, String key) {
		this.jdbc
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
					+ "epoch, trigger_kind, slot_key, parent_run_id) VALUES (1, 'u', 'n', 'shell', 'finished', 2, 0, 0, "
					+ "1, 'dependency', ?, ?)")
			.params(key, parentRunId)
			.update();
		return this.jdbc.sql("SELECT id FROM run_logs WHERE slot_key = ?").param(key).query(Long.class).single();
	}

	private static String unique() {
		return Long.toString(System.nanoTime(), 36);
	}

	private long create(String name, String extra) {
		MvcTestResult result = post(body(name, extra));
		assertThat(result).hasStatus(201);
		return this.json.readTree(result.getResponse().getContentAsByteArray()).get("id").asLong();
	}

	private JsonNode dependencies(long id) {
		MvcTestResult result = this.mvc.get().uri("/v1/jobs/" + id + "/dependencies").principal(ALICE).exchange();
		assertThat(result).hasStatus(200);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private long version(long id) {
		return this.jdbc.sql("SELECT version FROM jobs WHERE id = ?").param(id).query(Long.class).single();
	}

	private long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
	}

	private MvcTestResult post(String body) {
		return this.mvc.post().uri("/v1/jobs").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(body)
			.exchange();
	}

	private MvcTestResult put(long id, String body) {
		return this.mvc.put().uri("/v1/jobs/" + id).principal(ALICE).contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static String body(String name, String extra) {
		return "{\"name\":\"" + name + "\",\"cron\":\"0 0 3 * * ?\",\"type\":\"shell\",\"target\":\"echo hi\"" + extra
				+ "}";
	}

}
