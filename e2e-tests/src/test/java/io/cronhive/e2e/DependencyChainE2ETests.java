package io.cronhive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's chain through the gateway on MariaDB: a parent triggers two children on success, and a join waits
 * for both children of the parent's instant. Each child gets its parent run in its environment; each job of the
 * chain runs exactly once per parent run, also when the leader is killed with SIGKILL while the parent runs. The
 * chain's timings are printed for the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyChainE2ETests {

	private final Path dir = LocalCluster.workDirFor(getClass());

	private MariaDbDatabase database;

	private LocalCluster cluster;

	private ApiClient api;

	private int masters;

	private long parent;

	private long left;

	private long right;

	private long joined;

	@BeforeAll
	void startCluster() throws Exception {
		this.database = new MariaDbDatabase();
		this.cluster = new LocalCluster(this.dir, this.database.jdbcUrl()).startRegistry().startAdmin();
		startMaster();
		startMaster();
		this.cluster.startWorker("worker-a", null);
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
		this.left = create("left", "echo \"left of $CRONHIVE_PARENT_RUN_ID $CRONHIVE_PARENT_STATUS\"; sleep 1", null);
		this.right = create("right", "echo \"right of $CRONHIVE_PARENT_RUN_ID $CRONHIVE_PARENT_STATUS\"; sleep 2", null);
		this.parent = create("parent", "sleep 3; echo parent",
				Map.of("children", List.of(Map.of("jobId", this.left), Map.of("jobId", this.right, "on", "success"))));
		this.joined = create("joined", "echo \"joined after $CRONHIVE_PARENT_RUN_ID\"",
				Map.of("joinParents", List.of(this.left, this.right), "joinTimeoutMs", 120_000));
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	@Order(1)
	void parentTriggersBothChildrenAndTheJoinRunsOnceAfterBoth() throws Exception {
		List<String> timings = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Chain chain = runChain();
			assertChain(chain);
			timings.add(chain.timings());
		}
		System.out.println("Dependency chain timings (no failure):\n  " + String.join("\n  ", timings));
	}

	@Test
	@Order(2)
	void chainCompletesOnceWhenTheLeaderIsKilledWhileTheParentRuns() throws Exception {
		long runId = runNow(this.parent);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> "dispatched".equals(run(runId).get("state").asString()));
		ServiceProcess leader = leader();
		long killedAt = System.currentTimeMillis();
		leader.kill9();

		Chain chain = awaitChain(runId, Duration.ofSeconds(90));
		assertChain(chain);
		System.out.println("Dependency chain timings (leader " + leader.name() + " killed " + (killedAt
				- chain.parent().get("createTime").asLong()) + " ms after the request):\n  " + chain.timings());
		startMaster();
		// Nothing arrives late: still one run of each job for this parent run.
		Thread.sleep(5_000);
		assertChain(awaitChain(runId, Duration.ofSeconds(5)));
	}

	@Test
	@Order(3)
	void joinRunsOnceWhenTheLeaderIsKilledWhileTheChildrenRun() throws Exception {
		long runId = runNow(this.parent);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> chainOf(runId).rights().stream().anyMatch((r) -> "dispatched".equals(r.get("state").asString())));
		ServiceProcess leader = leader();
		long killedAt = System.currentTimeMillis();
		leader.kill9();

		Chain chain = awaitChain(runId, Duration.ofSeconds(90));
		assertChain(chain);
		System.out.println("Dependency chain timings (leader " + leader.name() + " killed " + (killedAt
				- chain.parent().get("createTime").asLong()) + " ms after the request, while the children ran):\n  "
				+ chain.timings());
		startMaster();
		Thread.sleep(5_000);
		assertChain(awaitChain(runId, Duration.ofSeconds(5)));
	}

	@Test
	@Order(4)
	void operatorAddsAChildInTheEditorSeesItsCycleRefusedAndFollowsTheRunTree() throws Exception {
		long extra = create("console-child", "echo \"console child of $CRONHIVE_PARENT_RUN_ID\"", null);
		Path shots = Files.createDirectories(Path.of("target", "screenshots"));
		try (ConsoleDriver ui = new ConsoleDriver(this.cluster.gatewayUrl(), shots)) {
			ui.signIn("admin", this.cluster.adminPassword());
			ui.browser.get(this.cluster.gatewayUrl() + "/#/jobs/" + this.right + "/edit");
			ui.visible(By.id("job-form"));
			ui.click(By.id("add-child"));
			List<WebElement> rows = ui.browser.findElements(By.cssSelector(".child-row"));
			WebElement row = rows.get(rows.size() - 1);
			new Select(row.findElement(By.name("childJob"))).selectByVisibleText("console-child");
			new Select(row.findElement(By.name("childOn"))).selectByValue("always");
			ui.shot("dependency-editor");
			ui.click(By.id("save-job"));
			ui.wait.until(ExpectedConditions.urlMatches("#/jobs/" + this.right + "$"));
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-dependencies"), "console-child"));
			assertThat(ui.text(By.id("job-dependencies"))).contains("parent").contains("joined").contains("always");
			ui.shot("dependency-job-detail");

			// The reverse edge would close a cycle: refused at the field, naming the cycle.
			ui.browser.get(this.cluster.gatewayUrl() + "/#/jobs/" + extra + "/edit");
			ui.visible(By.id("job-form"));
			ui.click(By.id("add-child"));
			new Select(ui.visible(By.cssSelector(".child-row [name=childJob]"))).selectByVisibleText("right");
			ui.click(By.id("save-job"));
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-error-for=children]"),
					"cycle: console-child → right → console-child"));
			ui.shot("dependency-cycle-refused");

			long runId = runNow(this.parent);
			Chain chain = awaitChain(runId, Duration.ofSeconds(60));
			long rightRun = chain.rights().get(0).get("id").asLong();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
				.until(() -> this.api.get("/v1/scheduler-logs?jobId=" + extra + "&state=finished").json().get("total")
					.asLong() == 1);
			ui.browser.get(this.cluster.gatewayUrl() + "/#/runs/" + rightRun);
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-tree"), "console-child"));
			assertThat(ui.text(By.id("run-tree"))).contains("Parent: #" + runId)
				.contains("left")
				.contains("joined")
				.doesNotContain("null");
			ui.shot("run-tree");
			JsonNode join = chain.joins().get(0);
			ui.browser.get(this.cluster.gatewayUrl() + "/#/runs/" + join.get("id").asLong());
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-tree"), "Joined the runs"));
			assertThat(ui.text(By.id("run-tree"))).contains("#" + chain.lefts().get(0).get("id").asLong())
				.contains("#" + rightRun);
			ui.shot("join-run-tree");
		}
	}

	private Chain runChain() throws Exception {
		return awaitChain(runNow(this.parent), Duration.ofSeconds(60));
	}

	/** Waits for the join of this parent run to finish; answers the parent, its children and the join. */
	private Chain awaitChain(long parentRunId, Duration timeout) {
		try {
			await("the join of parent run " + parentRunId).atMost(timeout).pollInterval(Duration.ofMillis(200))
				.until(() -> {
					Chain chain = chainOf(parentRunId);
					return !chain.joins().isEmpty() && "finished".equals(chain.joins().get(0).get("state").asString());
				});
			return chainOf(parentRunId);
		}
		catch (Exception ex) {
			throw new AssertionError(ex.getMessage() + this.cluster.logTails(), ex);
		}
	}

	private Chain chainOf(long parentRunId) throws Exception {
		JsonNode tree = this.api.get("/v1/scheduler-logs/" + parentRunId + "/tree").json();
		List<JsonNode> lefts = new ArrayList<>();
		List<JsonNode> rights = new ArrayList<>();
		List<JsonNode> joins = new ArrayList<>();
		collect(tree.get("root"), lefts, rights, joins);
		return new Chain(tree.get("root").get("run"), lefts, rights, joins);
	}

	private void collect(JsonNode node, List<JsonNode> lefts, List<JsonNode> rights, List<JsonNode> joins) {
		JsonNode run = node.get("run");
		long jobId = run.get("jobId").asLong();
		if (jobId == this.left) {
			lefts.add(run);
		}
		else if (jobId == this.right) {
			rights.add(run);
		}
		else if (jobId == this.joined) {
			joins.add(run);
		}
		node.get("children").forEach((child) -> collect(child, lefts, rights, joins));
	}

	private void assertChain(Chain chain) throws Exception {
		long parentRunId = chain.parent().get("id").asLong();
		assertThat(chain.parent().get("result").asInt()).isEqualTo(1);
		assertThat(chain.lefts()).as("left runs of parent run %d", parentRunId).hasSize(1);
		assertThat(chain.rights()).as("right runs of parent run %d", parentRunId).hasSize(1);
		assertThat(chain.joins()).as("join runs of parent run %d", parentRunId).hasSize(1);
		for (JsonNode child : List.of(chain.lefts().get(0), chain.rights().get(0), chain.joins().get(0))) {
			assertThat(child.get("result").asInt()).as("run %s: %s", child.get("id"), child.path("message")).isEqualTo(1);
		}
		assertThat(chain.lefts().get(0).get("triggerKind").asString()).isEqualTo("dependency");
		assertThat(chain.joins().get(0).get("triggerKind").asString()).isEqualTo("join");
		assertThat(output(chain.lefts().get(0).get("id").asLong())).startsWith("left of " + parentRunId + " success");
		assertThat(output(chain.rights().get(0).get("id").asLong())).startsWith("right of " + parentRunId + " success");
		long lastChild = chain.joins().get(0).get("parentRunId").asLong();
		assertThat(lastChild).isIn(chain.lefts().get(0).get("id").asLong(), chain.rights().get(0).get("id").asLong());
		assertThat(output(chain.joins().get(0).get("id").asLong())).startsWith("joined after " + lastChild);
		// Across the whole history: never a second run of a child or the join for one parent run.
		assertThat(countRuns(this.left)).isEqualTo(countRuns(this.parent));
		assertThat(countRuns(this.right)).isEqualTo(countRuns(this.parent));
		assertThat(countRuns(this.joined)).isEqualTo(countRuns(this.parent));
	}

	private long countRuns(long jobId) throws Exception {
		return this.api.get("/v1/scheduler-logs?jobId=" + jobId + "&size=1").json().get("total").asLong();
	}

	private String output(long runId) throws Exception {
		return this.api.get("/v1/scheduler-logs/" + runId).json().path("output").asString();
	}

	private JsonNode run(long runId) throws Exception {
		return this.api.get("/v1/scheduler-logs/" + runId).json();
	}

	private long runNow(long jobId) throws Exception {
		ApiClient.Response response = this.api.post("/v1/jobs/" + jobId + "/runs", "{}");
		assertThat(response.status()).as(response.body()).isIn(201, 202);
		return response.json().get("id").asLong();
	}

	private long create(String name, String script, Map<String, Object> dependencies) throws Exception {
		Map<String, Object> job = new HashMap<>();
		job.put("name", name);
		job.put("cron", "0 0 0 1 1 ? 2099");
		job.put("type", "shell");
		job.put("target", script);
		if (dependencies != null) {
			job.putAll(dependencies);
		}
		ApiClient.Response created = this.api.post("/v1/jobs", job);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private ServiceProcess leader() throws Exception {
		JsonNode masters = this.api.get("/v1/masters").json();
		JsonNode items = masters.has("items") ? masters.get("items") : masters;
		for (JsonNode master : items) {
			if (master.get("status").asInt() == 1 && master.path("online").asBoolean(true)) {
				for (int i = 1; i <= this.masters; i++) {
					ServiceProcess candidate = this.cluster.service("master-" + i);
					if (candidate != null && candidate.port() == master.get("port").asInt() && candidate.isAlive()) {
						return candidate;
					}
				}
			}
		}
		throw new AssertionError("no live leader in /v1/masters: " + masters);
	}

	private void startMaster() throws Exception {
		this.masters++;
		this.cluster.startMaster("master-" + this.masters).awaitHealthy(Duration.ofSeconds(180));
	}

	/** One parent run with the runs it caused. */
	private record Chain(JsonNode parent, List<JsonNode> lefts, List<JsonNode> rights, List<JsonNode> joins) {

		/** Milliseconds from the parent's request, at each step. */
		String timings() {
			long t0 = this.parent.get("createTime").asLong();
			JsonNode l = this.lefts.get(0);
			JsonNode r = this.rights.get(0);
			JsonNode j = this.joins.get(0);
			long childrenDone = Math.max(l.get("endedAt").asLong(), r.get("endedAt").asLong());
			return "parent run %d: parent dispatched +%d, ended +%d; children dispatched +%d/+%d (%d ms after the parent ended); "
				.formatted(this.parent.get("id").asLong(), this.parent.get("dispatchedAt").asLong() - t0,
						this.parent.get("endedAt").asLong() - t0, l.get("dispatchedAt").asLong() - t0,
						r.get("dispatchedAt").asLong() - t0,
						Math.max(l.get("dispatchedAt").asLong(), r.get("dispatchedAt").asLong())
								- this.parent.get("endedAt").asLong())
					+ "children ended +%d; join dispatched +%d (%d ms after the last child ended), ended +%d"
						.formatted(childrenDone - t0, j.get("dispatchedAt").asLong() - t0,
								j.get("dispatchedAt").asLong() - childrenDone, j.get("endedAt").asLong() - t0);
		}

	}

}
