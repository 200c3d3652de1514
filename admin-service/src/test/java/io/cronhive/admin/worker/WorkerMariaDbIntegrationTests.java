package io.cronhive.admin.worker;

import java.util.List;

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

/** Workers on MariaDB: declared by operators, brought to life and put to rest by the registry sync. */
@ApiIntegrationTest
class WorkerMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("workers");

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
	WorkerRegistrySync sync;

	@Test
	void preDeclaredWorkerComesOnlineWhenItRegistersAndGoesOfflineWhenItLeaves() {
		long id = declare("{\"name\":\"box-1\",\"srvName\":\"cronhive-worker\",\"tag\":\"gpu\"}");
		assertThat(this.mvc.get().uri("/v1/workers/" + id)).bodyJson()
			.hasPathSatisfying("$.online", (o) -> assertThat(o).asBoolean().isFalse());
		RegisteredWorker box1 = new RegisteredWorker("CRONHIVE-WORKER", "box-1", "10.0.0.11", "gpu", "10.0.0.11:cronhive-worker:8083", 8083);
		RegisteredWorker box2 = new RegisteredWorker("CRONHIVE-WORKER", "box-2", "10.0.0.12", null, "10.0.0.12:cronhive-worker:8083", 8083);
		this.sync.apply(List.of(box1, box2));
		assertThat(this.mvc.get().uri("/v1/workers?srvName=cronhive-worker&online=true&sort=name"))
			.bodyJson()
			.hasPathSatisfying("$.items[*].name", (n) -> assertThat(n).asArray().containsExactly("box-1", "box-2"))
			.hasPathSatisfying("$.items[0].id", (i) -> assertThat(i).asNumber().isEqualTo((int) id))
			.hasPathSatisfying("$.items[0].host", (h) -> assertThat(h).asString().isEqualTo("10.0.0.11"))
			.hasPathSatisfying("$.items[0].lastHeartbeat", (h) -> assertThat(h).isNotNull());
		this.sync.apply(List.of(box2));
		assertThat(this.mvc.get().uri("/v1/workers/" + id)).bodyJson()
			.hasPathSatisfying("$.online", (o) -> assertThat(o).asBoolean().isFalse())
			.hasPathSatisfying("$.version", (v) -> assertThat(v).asNumber().isEqualTo(0));
	}

	@Test
	void registeredWorkerIdentityIsRefusedButOfflineWorkerCanBeRenamedAndRetagged() {
		long id = declare("{\"name\":\"box-9\",\"srvName\":\"edge\"}");
		this.sync.apply(List.of(new RegisteredWorker("edge", "box-9", "10.0.0.9", "arm", "i-9", 8083)));
		assertThat(put(id, "{\"name\":\"renamed\",\"srvName\":\"edge\",\"tag\":\"x86\"}"))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactly("name", "tag"));
		assertThat(put(id, "{\"name\":\"box-9\",\"srvName\":\"edge\",\"tag\":\"arm\",\"host\":\"box-9.lan\"}")).hasStatus(200);
		this.sync.apply(List.of());
		assertThat(put(id, "{\"name\":\"renamed\",\"srvName\":\"edge\",\"tag\":\"x86\",\"version\":1}"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.name", (n) -> assertThat(n).asString().isEqualTo("renamed"));
		assertThat(put(id, "{\"name\":\"again\",\"srvName\":\"edge\",\"version\":1}")).hasStatus(409);
	}

	@Test
	void duplicateNameInServiceIsConflictAndDeleteRemovesWorker() {
		long id = declare("{\"name\":\"dup\",\"srvName\":\"svc\"}");
		assertThat(this.mvc.post().uri("/v1/workers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"dup\",\"srvName\":\"SVC\"}"))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("name"));
		assertThat(this.mvc.delete().uri("/v1/workers/" + id)).hasStatus(204);
		assertThat(this.mvc.get().uri("/v1/workers/" + id)).hasStatus(404);
	}

	@Test
	void runningCountsRunsDispatchedToTheWorkersInstance() {
		this.sync.apply(List.of(new RegisteredWorker("busy", "busy-1", "10.0.0.20", null, "i-busy", 8083)));
		for (String state : List.of("dispatched", "dispatched", "finished")) {
			this.jdbc.sql("""
					INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at,
					epoch, trigger_kind, worker_instance) VALUES (1, 'u', 'j', 'shell', ?, 1, 1, 1, 1, 'cron', 'i-busy')""")
				.param(state)
				.update();
		}
		this.sync.apply(List.of(new RegisteredWorker("busy", "busy-1", "10.0.0.20", null, "i-busy", 8083)));
		assertThat(this.mvc.get().uri("/v1/workers?srvName=busy")).bodyJson()
			.hasPathSatisfying("$.items[0].running", (r) -> assertThat(r).asNumber().isEqualTo(2));
	}

	private long declare(String body) {
		MvcTestResult result = this.mvc.post().uri("/v1/workers").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatus(201);
		return Long.parseLong(result.getResponse().getHeader("Location").replace("/v1/workers/", ""));
	}

	private MvcTestResult put(long id, String body) {
		return this.mvc.put().uri("/v1/workers/" + id).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

}
