package io.cronhive.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cronhive.common.dispatch.Partitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partitioned firing on MariaDB with several masters as separate processes: each fires the jobs of its share of
 * the 128 partitions; a master killed with SIGKILL, follower or leader, has its share fired again within 2 s
 * while the others' jobs do not pause; a master joining takes a share; and no slot is fired twice throughout.
 * Every-second HTTP jobs call a target that counts calls; run_logs is read per slot. It prints the pauses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionedFiringE2ETests {

	// Consecutive ids fall in consecutive partitions, so 40 jobs leave no master of three or four without some.
	private static final int JOBS = 40;

	private static final long RESUME_LIMIT_MS = 2_000;

	// A job that does not pause sends a run a second; the rest is scheduling jitter on a shared 2-core machine.
	private static final long GAP_LIMIT_MS = 1_500;

	// A slot sent this late after its instant still counts as fired on time: one planning round (250 ms).
	private static final long ON_TIME_MS = 250;

	private final Path dir = LocalCluster.workDirFor(getClass());

	private final List<String> masters = new ArrayList<>(List.of("master-1", "master-2", "master-3"));

	private final Map<Long, String> jobs = new TreeMap<>();

	/** Service name by instance id, of every master seen in {@code /v1/masters}. */
	private final Map<String, String> names = new HashMap<>();

	private MariaDbDatabase database;

	private CallTarget target;

	private LocalCluster cluster;

	private ApiClient api;

	private PartitionHolders holders;

	@BeforeAll
	void startClusterAndJobs() throws Exception {
		this.database = new MariaDbDatabase();
		this.target = CallTarget.start();
		this.cluster = new LocalCluster(this.dir, this.database.jdbcUrl()).startRegistry().startAdmin();
		for (String master : this.masters) {
			this.cluster.startMaster(master);
		}
		this.cluster.startWorker("worker-1", null);
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
		this.holders = PartitionHolders.watch(this.database.jdbcUrl());
		for (int i = 0; i < JOBS; i++) {
			String key = "pf-" + i;
			ApiClient.Response created = this.api.post("/v1/jobs", Map.of("name", key, "cron", "* * * * * ?", "type",
					"http", "target", this.target.url(key), "timeoutMs", 5_000, "misfire", "fire_once"));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			this.jobs.put(created.json().get("id").asLong(), key);
		}
		ApiClient.Response started = this.api.post("/v1/schedulers", Map.of("jobIds", this.jobs.keySet()));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.holders != null) {
			this.holders.close();
		}
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
	void everyMasterHoldsAThirdOfThePartitionsAndFiresTheJobsInThem() throws Exception {
		MasterShares shares = awaitBalanced(3, Duration.ofSeconds(60));
		assertThat(shares.live()).as(shares.summary()).allSatisfy((name, master) -> {
			assertThat(master.get("partitions").asInt()).isBetween(42, 43);
			assertThat(master.get("scheduledJobs").asLong()).isPositive();
		});
		assertThat(this.masters.stream().mapToLong(shares::scheduledJobs).sum()).as(shares.summary()).isEqualTo(JOBS);

		long from = System.currentTimeMillis();
		Thread.sleep(4_000);
		long to = System.currentTimeMillis() - 1_000;
		Map<Integer, String> holding = this.holders.now();
		Map<String, Set<Long>> firedBy = new TreeMap<>();
		for (List<SlotLedger.Run> runs : SlotLedger.read(this.database.jdbcUrl(), this.jobs.keySet()).values()) {
			for (SlotLedger.Run run : runs) {
				if (run.slotRun() && run.dispatchedAt() >= from && run.dispatchedAt() < to) {
					// The run went out under the epoch of the master that holds the job's partition.
					String holder = holding.get(Partitions.of(run.jobId()));
					assertThat(this.holders.holderOf(run.epoch())).as("holder of epoch %d of job %d", run.epoch(),
							run.jobId()).isEqualTo(holder);
					firedBy.computeIfAbsent(this.names.get(holder), (k) -> new TreeSet<>()).add(run.jobId());
				}
			}
		}
		System.out.println("PartitionedFiringE2ETests: jobs fired per master " + firedBy + "; " + shares.summary());
		assertThat(firedBy).as("jobs fired per master").containsOnlyKeys(this.masters);
		this.masters.forEach((master) -> assertThat(firedBy.get(master)).as("jobs %s fired", master)
			.hasSize((int) shares.scheduledJobs(master)));
	}

	@Test
	@Order(2)
	void killedFollowersShareFiresAgainWithinTwoSecondsWhileTheOthersDoNotPause() throws Exception {
		MasterShares shares = readShares();
		String victim = this.masters.stream().filter((m) -> !m.equals(shares.leader())).findFirst().orElseThrow();
		killAndAssertItsShareResumes(victim, shares);
	}

	@Test
	@Order(3)
	void aMasterJoiningTakesAShareWithinTenSecondsAndEverySlotStillFiresOnce() throws Exception {
		Map<Integer, String> before = this.holders.now();
		this.cluster.startMaster("master-4").awaitHealthy(Duration.ofSeconds(180));
		long healthyAt = System.currentTimeMillis();
		this.masters.add("master-4");
		MasterShares shares = awaitBalanced(3, Duration.ofSeconds(10));
		long sharedAt = System.currentTimeMillis();
		assertThat(shares.partitions("master-4")).as(shares.summary()).isBetween(42, 43);
		assertThat(shares.scheduledJobs("master-4")).as(shares.summary()).isPositive();
		assertThat(this.masters.stream().mapToLong(shares::scheduledJobs).sum()).as(shares.summary()).isEqualTo(JOBS);

		Map<Integer, String> after = this.holders.now();
		List<Long> moved = this.jobs.keySet()
			.stream()
			.filter((id) -> !Objects.equals(after.get(Partitions.of(id)), before.get(Partitions.of(id))))
			.toList();
		long from = healthyAt - 2_000;
		long to = sharedAt + 6_000;
		Map<Long, List<SlotLedger.Run>> runs = settled(from, to);
		SlotLedger.Ledger ledger = account(runs, this.jobs.keySet(), from, to);
		long movedGap = FiringPauses.longestGap(runs, moved, from, to);
		String newcomer = shares.instanceId("master-4");
		long firedByNewcomer = moved.stream()
			.flatMap((id) -> runs.get(id).stream())
			.filter((run) -> run.dispatchedAt() > sharedAt && newcomer.equals(this.holders.holderOf(run.epoch())))
			.count();
		System.out.printf("PartitionedFiringE2ETests: master-4 held a share %d ms after it was healthy; %d job(s) moved "
				+ "to it, longest gap between their runs %d ms, %d run(s) sent by it; %s; %s%n", sharedAt - healthyAt,
				moved.size(), movedGap, firedByNewcomer, shares.summary(), ledger);

		assertThat(moved).as("jobs that moved to the newcomer").hasSize((int) shares.scheduledJobs("master-4"));
		assertThat(firedByNewcomer).as("runs master-4 sent").isPositive();
		assertThat(ledger.ok()).as("slots that ran across the rebalance: %s", ledger).isEqualTo(ledger.slots());
		assertThat(movedGap).as("longest gap between runs of the moved jobs").isLessThanOrEqualTo(GAP_LIMIT_MS);
		assertEachSlotFiredOnce(runs, ledger);
	}

	@Test
	@Order(4)
	void killedLeadersShareFiresAgainWithinTwoSecondsWhileTheOthersDoNotPause() throws Exception {
		MasterShares shares = readShares();
		assertThat(shares.leader()).as(shares.summary()).isNotNull();
		killAndAssertItsShareResumes(shares.leader(), shares);
	}

	private void killAndAssertItsShareResumes(String victim, MasterShares shares) throws Exception {
		String victimId = shares.instanceId(victim);
		Map<Integer, String> holding = this.holders.now();
		List<Long> killedShare = this.jobs.keySet()
			.stream()
			.filter((id) -> victimId.equals(holding.get(Partitions.of(id))))
			.toList();
		List<Long> others = this.jobs.keySet().stream().filter((id) -> !killedShare.contains(id)).toList();
		assertThat(killedShare).as("jobs of %s: %s", victim, shares.summary()).isNotEmpty();

		// 400 ms past a whole second: just before the victim would send the next second's runs (500 ms ahead).
		Thread.sleep(1_400 - System.currentTimeMillis() % 1_000);
		long killedAt = System.currentTimeMillis();
		this.cluster.service(victim).kill9();
		this.masters.remove(victim);
		MasterShares after = awaitBalanced(this.masters.size(), Duration.ofSeconds(10));
		long retakenMs = System.currentTimeMillis() - killedAt;

		long from = killedAt - 4_000;
		long to = killedAt + 8_000;
		Map<Long, List<SlotLedger.Run>> runs = settled(from, to);
		SlotLedger.Ledger killedLedger = account(runs, killedShare, from, to);
		SlotLedger.Ledger othersLedger = account(runs, others, from, to);
		Map<Long, Long> resumed = FiringPauses.resumedAfter(runs, killedShare, killedAt, ON_TIME_MS);
		long killedGap = FiringPauses.longestGap(runs, killedShare, from, to);
		long killedWait = FiringPauses.longestWait(runs, killedShare, from, to, killedAt);
		long othersGap = FiringPauses.longestGap(runs, others, from, to);
		System.out.printf("PartitionedFiringE2ETests: %s killed at %d; all partitions held again %d ms later (%s). "
				+ "Its %d job(s): first slot on time %s ms after the kill, longest gap between runs %d ms, latest slot "
				+ "sent %d ms after its instant or the kill (negative: ahead), %s. The other %d job(s): longest gap "
				+ "between runs %d ms, %s%n", victim, killedAt, retakenMs, after.summary(), killedShare.size(),
				resumed.values(), killedGap, killedWait, killedLedger, others.size(), othersGap, othersLedger);

		assertThat(othersLedger.ok()).as("slots of the other masters' jobs that ran: %s", othersLedger)
			.isEqualTo(othersLedger.slots());
		assertThat(othersGap).as("longest gap between runs of the other masters' jobs")
			.isLessThanOrEqualTo(GAP_LIMIT_MS);
		assertThat(resumed).as("ms from the kill to each of %s's jobs' first slot fired on time%s", victim,
				this.cluster.logTails()).allSatisfy((job, ms) -> assertThat(ms).isLessThanOrEqualTo(RESUME_LIMIT_MS));
		// Slots due while the share had no holder may go out late, but no later than the takeover's 2 s.
		assertThat(describe(FiringPauses.sentLaterThan(runs, killedShare, from, to, killedAt, RESUME_LIMIT_MS)))
			.as("slots of %s's jobs sent more than %d ms after their instant or the kill (at %d)", victim,
					RESUME_LIMIT_MS, killedAt)
			.isEmpty();
		assertThat(killedLedger.ok() + killedLedger.failed() + killedLedger.skipped())
			.as("slots of %s's jobs ran, failed with a reason or went to the misfire policy: %s", victim, killedLedger)
			.isEqualTo(killedLedger.slots());
		assertEachSlotFiredOnce(runs, account(runs, this.jobs.keySet(), from, to));
	}

	/** No job and slot has two rows, and no target was called more often than its job's runs were sent. */
	private void assertEachSlotFiredOnce(Map<Long, List<SlotLedger.Run>> runs, SlotLedger.Ledger ledger) {
		assertThat(ledger.duplicateRows()).as("rows for one job and slot beyond the first: %s", ledger).isZero();
		Map<String, String> over = new TreeMap<>();
		this.jobs.forEach((jobId, key) -> {
			long sent = runs.getOrDefault(jobId, List.of()).stream().filter(SlotLedger.Run::dispatched).count();
			if (this.target.calls(key) > sent) {
				over.put(key, this.target.calls(key) + " calls, " + sent + " runs sent");
			}
		});
		assertThat(over).as("jobs whose target was called more often than runs were sent").isEmpty();
	}

	/** Waits past {@code toMs} until the window's runs have finished, then reads every run of the jobs. */
	private Map<Long, List<SlotLedger.Run>> settled(long fromMs, long toMs) throws Exception {
		Thread.sleep(Math.max(0, toMs + 1_000 - System.currentTimeMillis()));
		String url = this.database.jdbcUrl();
		Set<Long> ids = this.jobs.keySet();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
			.until(() -> account(SlotLedger.read(url, ids), ids, fromMs, toMs).running() == 0);
		return SlotLedger.read(url, ids);
	}

	private static SlotLedger.Ledger account(Map<Long, List<SlotLedger.Run>> runs, Collection<Long> jobIds,
			long fromMs, long toMs) {
		// Runs of these jobs end in milliseconds: any still running after settled() counts as stuck.
		return SlotLedger.account(runs, jobIds, fromMs, toMs, System.currentTimeMillis(), 0);
	}

	private MasterShares awaitBalanced(int live, Duration within) {
		MasterShares[] last = new MasterShares[1];
		await().atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
			.alias("partitions balanced over " + live + " masters")
			.until(() -> {
				last[0] = readShares();
				return last[0].balancedOver(live);
			});
		return last[0];
	}

	private MasterShares readShares() throws Exception {
		MasterShares shares = MasterShares.read(this.api, this.cluster, this.masters);
		shares.live().forEach((name, master) -> this.names.put(master.get("instanceId").asString(), name));
		return shares;
	}

	/** The master that sent each run, named by the epoch it went out under. */
	private List<String> describe(List<SlotLedger.Run> runs) {
		return runs.stream()
			.map((run) -> run + " sent by " + this.names.getOrDefault(this.holders.holderOf(run.epoch()), "?"))
			.toList();
	}

}
