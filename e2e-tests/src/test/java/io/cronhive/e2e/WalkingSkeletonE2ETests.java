package io.cronhive.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;


import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as a user meets it: five services as separate processes on the embedded database, a shell
 * job created and started through the gateway, its runs recorded with the worker and the script's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonE2ETests {

	/** Logs and data stay under target/ so a failed run can be read afterwards. */
	private final Path dir = LocalCluster.workDirFor(getClass());

	private LocalCluster cluster;

	private ApiClient api;

	@BeforeAll
	void startCluster() throws Exception {
		this.cluster = new LocalCluster(this.dir, null).startRegistry().startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startMaster("master-2");
		this.cluster.startWorker("e2e-worker-1", "linux");
		this.cluster.startGateway().awaitAllHealthy();
		this.api = new ApiClient(this.cluster.gatewayUrl());
		await("gateway routes to admin-service").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> this.api.send("POST", "/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + this.cluster.adminPassword() + "\"}").status() == 200);
		this.api.login("admin", this.cluster.adminPassword());
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void shellJobFiresEveryTwoSecondsOnTheWorkerAndRecordsItsOutput() throws Exception {
		long jobId = createJob(Map.of("name", "e2e-echo", "cron", "*/2 * * * * ?", "type", "shell", "target",
				"echo \"hello from $(hostname)\"\necho second-line"));
		assertThat(this.api.post("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);

		List<JsonNode> runs = awaitRuns(jobId, 2, Duration.ofSeconds(60),
				run -> run.get("status").asInt() == 2 && run.get("result").asInt() == 1);
		for (JsonNode run : runs) {
			assertThat(run.get("workerName").asString()).isEqualTo("e2e-worker-1");
			assertThat(run.get("workerIp").asString()).isEqualTo("127.0.0.1");
			assertThat(run.get("jobName").asString()).isEqualTo("e2e-echo");
			ApiClient.Response detail = this.api.get("/v1/scheduler-logs/" + run.get("id").asLong());
			assertThat(detail.status()).isEqualTo(200);
			assertThat(detail.json().get("output").asString()).contains("hello from").contains("second-line");
		}

		assertThat(this.api.delete("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);
	}

	@Test
	void jobWhoseTagNoWorkerHasRunsNowhereAndTheRunLogSaysWhy() throws Exception {
		long jobId = createJob(Map.of("name", "e2e-gpu", "cron", "*/2 * * * * ?", "type", "shell", "target",
				"echo must-not-run", "tag", "gpu-none"));
		assertThat(this.api.post("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);

		List<JsonNode> runs = awaitRuns(jobId, 1, Duration.ofSeconds(60), run -> run.get("status").asInt() == 4);
		JsonNode run = runs.get(0);
		assertThat(run.get("result").asInt()).isEqualTo(2);
		assertThat(run.get("workerName").isNull() || run.get("workerName").asString().isEmpty()).isTrue();
		assertThat(run.get("message").asString()).contains("gpu-none");
		assertThat(this.cluster.service("e2e-worker-1").log()).doesNotContain("must-not-run");

		this.api.delete("/v1/schedulers", Map.of("jobIds", List.of(jobId)));
	}

	@Test
	void replacePolicyKillsTheRunStillGoingWhenTheNextSlotFires() throws Exception {
		long jobId = createJob(Map.of("name", "e2e-replace", "cron", "*/2 * * * * ?", "type", "shell", "target",
				"echo started $CRONHIVE_RUN_ID; sleep 30", "concurrency", "replace"));
		assertThat(this.api.post("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);

		List<JsonNode> replaced = awaitRuns(jobId, 2, Duration.ofSeconds(60),
				run -> run.path("message").asString("").contains("replaced by run"));
		assertThat(this.api.delete("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);

		for (JsonNode run : replaced) {
			long runId = run.get("id").asLong();
			Matcher replacement = Pattern.compile("killed: replaced by run (\\d+)")
				.matcher(run.get("message").asString());
			assertThat(replacement.find()).as(run.get("message").asString()).isTrue();
			assertThat(Long.parseLong(replacement.group(1))).isGreaterThan(runId);
			assertThat(run.get("result").asInt()).as("a replaced run failed").isEqualTo(2);
			JsonNode detail = this.api.get("/v1/scheduler-logs/" + runId).json();
			assertThat(detail.get("output").asString()).contains("started " + runId);
			JsonNode next = this.api.get("/v1/scheduler-logs/" + replacement.group(1)).json();
			assertThat(next.get("jobId").asLong()).isEqualTo(jobId);
		}
		// The last run is still sleeping: kill it, as an operator would, so the worker stops clean.
		for (JsonNode run : this.api.get("/v1/scheduler-logs?jobId=" + jobId + "&size=50").json().get("items")) {
			if (run.get("state").asString().equals("dispatched")) {
				this.api.post("/v1/scheduler-logs/" + run.get("id").asLong() + "/kill", Map.of());
			}
		}
	}

	@Test
	void gatewayRefusesTheApiWithoutAToken() throws Exception {
		ApiClient anonymous = new ApiClient(this.cluster.gatewayUrl());
		ApiClient.Response response = anonymous.get("/v1/jobs");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).contains("application/problem+json");
	}

	@Test
	void gatewayEnforcesRolesAndRefusesForgedTokens() throws Exception {
		String password = "role-test-" + System.nanoTime();
		for (String role : List.of("viewer", "operator")) {
			ApiClient.Response created = this.api.post("/v1/users",
					Map.of("username", "e2e-" + role, "password", password, "role", role));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		ApiClient viewer = new ApiClient(this.cluster.gatewayUrl()).login("e2e-viewer", password);
		ApiClient operator = new ApiClient(this.cluster.gatewayUrl()).login("e2e-operator", password);
		Map<String, Object> job = Map.of("name", "e2e-role-job", "cron", "0 0 * * * ?", "type", "shell", "target", "true");

		assertThat(viewer.get("/v1/jobs").status()).isEqualTo(200);
		ApiClient.Response refused = viewer.post("/v1/jobs", job);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.contentType()).contains("application/problem+json");
		assertThat(operator.post("/v1/jobs", job).status()).isEqualTo(201);
		assertThat(operator.get("/v1/audit-events").status()).isEqualTo(403);

		// A token signed by someone else's key, shaped like ours.
		String forged = "eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJhZG1pbiIsImlzcyI6ImNyb25oaXZlIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl";
		ApiClient.Response response = new ApiClient(this.cluster.gatewayUrl()).withToken(forged).get("/v1/jobs");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).contains("application/problem+json");
	}

	private long createJob(Map<String, Object> job) throws Exception {
		ApiClient.Response created = this.api.post("/v1/jobs", job);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("jobId").asString()).hasSize(36);
		return created.json().get("id").asLong();
	}

	private List<JsonNode> awaitRuns(long jobId, int count, Duration timeout,
			java.util.function.Predicate<JsonNode> matching) {
		List<JsonNode> found = new ArrayList<>();
		try {
			await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
				found.clear();
				ApiClient.Response page = this.api.get("/v1/scheduler-logs?jobId=" + jobId + "&size=50");
				if (page.status() != 200) {
					return false;
				}
				for (JsonNode run : page.json().get("items")) {
					if (matching.test(run)) {
						found.add(run);
					}
				}
				return found.size() >= count;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("expected " + count + " matching runs of job " + jobId + "; logs:" + this.cluster.logTails(), ex);
		}
		return List.copyOf(found);
	}

}
