package io.cronhive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The short form of the overload and chaos suite (issue 13; the full form is {@code bench/chaos_suite.py}) on
 * MariaDB: every-second HTTP jobs while stress-ng takes one of the machine's cores, and a worker killed with
 * SIGKILL in the middle of a second's runs and started again. Every slot of the window must be accounted for in
 * run_logs (ran, failed with a reason, or skipped by the misfire policy), none twice, none left running, and no
 * service may run out of memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverloadE2ETests {

	// Job timeout, and what the masters wait past it before reaping a run (timeout-grace) plus two reaper rounds.
	private static final long TIMEOUT_MS = 5_000;

	private static final long TIMEOUT_PLUS_GRACE_MS = TIMEOUT_MS + 120_000 + 4_000;

	private final Path dir = LocalCluster.workDirFor(getClass());

	private MariaDbDatabase database;

	private LocalCluster cluster;

	private ApiClient api;

	private CallTarget target;

	@BeforeAll
	void startCluster() throws Exception {
		this.database = new MariaDbDatabase();
		this.target = CallTarget.start();
		this.cluster = new LocalCluster(this.dir, this.database.jdbcUrl()).startRegistry().startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startMaster("master-2");
		this.cluster.startWorker("worker-1", null);
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.target != null) {
			this.target.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	@Order(1)
	void cpuThiefTakingOneCoreForTwentySecondsAtFiveHundredJobsLeavesEverySlotAccountedForOnce() throws Exception {
		assumeThat(onPath("stress-ng"))
			.as("stress-ng is not installed (apt-get install -y stress-ng): the CPU thief of issue 13 needs it")
			.isTrue();
		Map<Long, String> jobs = createHttpJobs("thief", 500);
		start(jobs.keySet());
		Thread.sleep(10_000);
		long from = System.currentTimeMillis();
		Process thief = new ProcessBuilder("stress-ng", "--cpu", "1", "--cpu-load", "100", "--timeout", "20s", "--quiet")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("stress-ng.log").toFile())
			.start();
		try {
			assertThat(thief.waitFor(60, TimeUnit.SECONDS)).as("stress-ng stops by itself after 20 s").isTrue();
		}
		finally {
			thief.destroyForcibly();
		}
		Thread.sleep(10_000);
		long to = stop(jobs.keySet()) - 2_000;
		SlotLedger.Ledger ledger = settleAndAccount(jobs.keySet(), from, to);

		assertEverySlotAccountedForOnce(ledger);
		assertNoRunCalledTwice(jobs, ledger);
		assertNoOutOfMemoryError(Map.of());
	}

	@Test
	@Order(2)
	void workerKilledMidBurstAndRestartedDeliversOrFailsEveryAcceptedRunAndRunsNoneTwice() throws Exception {
		Map<Long, String> http = createHttpJobs("wk", 200);
		List<Long> shell = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			// A run of its own at the target per slot, and still running a second later when the worker dies.
			shell.add(createJob(Map.of("name", "wk-shell-" + i, "cron", "* * * * * ?", "type", "shell", "timeoutMs", 10_000,
					"target", "curl -s -m 5 -o /dev/null \"" + this.target.url("wks-")
							+ "$CRONHIVE_JOB_ID-$CRONHIVE_SCHEDULED_AT_MS\"\nsleep 1")));
		}
		List<Long> all = new ArrayList<>(http.keySet());
		all.addAll(shell);
		start(all);
		Thread.sleep(10_000);
		long from = System.currentTimeMillis();
		Thread.sleep(5_000);
		// Mid-burst: 50 ms after a second's instant, while its runs are in flight.
		Thread.sleep(1_050 - System.currentTimeMillis() % 1_000);
		ServiceProcess victim = this.cluster.service("worker-1");
		victim.kill9();
		String victimLog = victim.log();
		Thread.sleep(3_000);
		this.cluster.startWorker("worker-1", null).awaitHealthy(Duration.ofSeconds(180));
		Thread.sleep(15_000);
		long to = stop(all) - 2_000;
		SlotLedger.Ledger ledger = settleAndAccount(all, from, to);

		assertThat(ledger.running()).as("runs neither delivered nor failed after the restart: %s%s", ledger,
				this.cluster.logTails()).isZero();
		assertThat(ledger.reasons()).as("every failed run says why").doesNotContainKey("(no message)");
		assertEverySlotAccountedForOnce(ledger);
		assertThat(this.target.calledTwice("wks-")).as("shell runs that called their target twice").isEmpty();
		assertNoRunCalledTwice(http, ledger);
		assertNoOutOfMemoryError(Map.of("worker-1 before the kill", victimLog));
	}

	private void assertEverySlotAccountedForOnce(SlotLedger.Ledger ledger) {
		assertThat(ledger.ok() + ledger.failed() + ledger.skipped())
			.as("slots ran, failed with a reason or skipped by the misfire policy: %s%s", ledger, this.cluster.logTails())
			.isEqualTo(ledger.slots());
		assertThat(ledger.duplicateRows()).as("rows for one job and slot beyond the first: %s", ledger).isZero();
		assertThat(ledger.stuck()).as("runs still running past their timeout and the grace: %s", ledger).isZero();
	}

	/** An HTTP job calls its target once per run: never more calls than runs sent to a worker. */
	private void assertNoRunCalledTwice(Map<Long, String> jobs, SlotLedger.Ledger ledger) {
		Map<String, String> over = new LinkedHashMap<>();
		jobs.forEach((jobId, key) -> {
			long calls = this.target.calls(key);
			long dispatched = ledger.dispatched(jobId);
			if (calls > dispatched) {
				over.put(key, calls + " calls, " + dispatched + " runs sent");
			}
		});
		assertThat(over).as("jobs whose target was called more often than runs were sent").isEmpty();
	}

	private void assertNoOutOfMemoryError(Map<String, String> earlierLogs) {
		Map<String, String> logs = new LinkedHashMap<>(earlierLogs);
		for (String name : List.of("registry", "admin-service", "master-1", "master-2", "worker-1", "gateway")) {
			logs.put(name, this.cluster.service(name).log());
		}
		logs.forEach((name, log) -> assertThat(log).as("%s's log", name).doesNotContain("OutOfMemoryError"));
	}

	private Map<Long, String> createHttpJobs(String prefix, int count) throws Exception {
		Map<Long, String> jobs = new HashMap<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<Long>> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String key = prefix + "-" + i;
				// A retry each: a run the kill leaves unknown must still not call its target a second time.
				ids.add(pool.submit(() -> createJob(Map.of("name", key, "cron", "* * * * * ?", "type", "http",
						"target", this.target.url(key), "timeoutMs", TIMEOUT_MS, "retries", 1))));
			}
			for (int i = 0; i < count; i++) {
				jobs.put(ids.get(i).get(), prefix + "-" + i);
			}
		}
		return jobs;
	}

	private long createJob(Map<String, Object> job) throws Exception {
		ApiClient.Response created = this.api.post("/v1/jobs", job);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private void start(Iterable<Long> jobIds) throws Exception {
		ApiClient.Response started = this.api.post("/v1/schedulers", Map.of("jobIds", jobIds));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
	}

	/** Stops the jobs; answers when. */
	private long stop(Iterable<Long> jobIds) throws Exception {
		ApiClient.Response stopped = this.api.delete("/v1/schedulers", Map.of("jobIds", jobIds));
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		return System.currentTimeMillis();
	}

	/** Waits until every run finished or could have been reaped, then accounts for the window's slots. */
	private SlotLedger.Ledger settleAndAccount(java.util.Collection<Long> jobIds, long from, long to) throws Exception {
		String url = this.database.jdbcUrl();
		try {
			await().atMost(Duration.ofMillis(TIMEOUT_PLUS_GRACE_MS + 10_000)).pollInterval(Duration.ofSeconds(2))
				.until(() -> SlotLedger.unfinished(url, jobIds) == 0);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Accounted as running (and stuck) below, with the ledger in the assertion's message.
		}
		return SlotLedger.account(SlotLedger.read(url, jobIds), jobIds, from, to, System.currentTimeMillis(),
				TIMEOUT_PLUS_GRACE_MS);
	}

	private static boolean onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

}
