package io.cronhive.master.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import io.cronhive.master.share.PartitionLeases;
import io.cronhive.master.share.TestShares;
import io.cronhive.master.run.RunStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The at-most-once guarantee on H2 (MySQL mode) and MariaDB: slot claims, the send fence, recovery of a dead
 * epoch's claims, and two masters that both believe they lead.
 */
class SlotClaimIntegrationTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private static final long MOVED = -1;

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private TestDatabase db;

	private TestShares lease;

	private ScheduleStore schedules;

	private BatchClaims batch;

	private RunClaims claims;

	private RunStore runs;

	private void open(TestDatabase.Kind kind) {
		this.db = databases.fresh(kind);
		this.lease = new TestShares(this.db.jdbc());
		this.schedules = new ScheduleStore(this.db.jdbc());
		this.batch = new BatchClaims(new org.springframework.jdbc.core.JdbcTemplate(this.db.dataSource()),
				this.db.transactions(), new PartitionLeases(new org.springframework.jdbc.core.JdbcTemplate(this.db.dataSource()),
						this.db.transactions()));
		this.claims = new RunClaims(this.db.jdbc());
		this.runs = new RunStore(this.db.jdbc(), this.db.named());
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void claimInsertsRunUnderEpochAndAdvancesSchedule(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("every-second", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		ScheduledJob job = due(jobId);
		long runId = claim(job, 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a", epoch, 5);
		assertThat(runId).isPositive();
		Map<String, Object> row = jdbc().sql("SELECT state, epoch, slot_key, status, trigger_kind FROM run_logs WHERE id = ?")
			.param(runId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("state", "claimed")
			.containsEntry("slot_key", "cron:" + jobId + ":10000")
			.containsEntry("trigger_kind", "cron");
		assertThat(((Number) row.get("epoch")).longValue()).isEqualTo(epoch);
		assertThat(nextFireAt(jobId)).isEqualTo(11_000L);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aClaimOfThisEpochThatNoTimerHoldsIsFoundForRecovery(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("left-behind", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		// Committed by a round whose later chunk then failed: claimed under this epoch, armed by nobody.
		long runId = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a", epoch, 5);

		assertThat(this.claims.unarmed("a", (id) -> false, 1_000)).extracting(RunClaims.PendingRow::runId)
			.containsExactly(runId);
		assertThat(this.claims.unarmed("a", (id) -> id == runId, 1_000)).as("armed by this term").isEmpty();
		assertThat(this.claims.unarmed("a", (id) -> false, 5)).as("made just now, by a round still going").isEmpty();
		assertThat(this.claims.orphaned("a")).as("older epochs only").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void slotIsClaimedAtMostOnce(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("once", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		ScheduledJob job = due(jobId);
		SlotPlan.Slot slot = new SlotPlan.Slot(10_000, 10_000, "cron", 11_000);
		assertThat(claim(job, 10_000L, slot, "a", epoch, 5)).isPositive();
		assertThat(claim(job, 10_000L, slot, "a", epoch, 5)).isEqualTo(MOVED);
		assertThat(runCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void oneRoundClaimsManyJobsAndSkipsOnlyThoseWhoseScheduleMoved(TestDatabase.Kind kind) {
		open(kind);
		long first = this.db.insertJob("batch-1", "* * * * * ?", true, 10_000L, "fire_once");
		long second = this.db.insertJob("batch-2", "* * * * * ?", true, null, "fire_once");
		long moved = this.db.insertJob("batch-3", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		List<BatchClaims.JobClaim> claims = List.of(
				new BatchClaims.JobClaim(due(first), 10_000L, 12_000,
						List.of(new SlotPlan.Slot(10_000, 10_000, "cron", 11_000),
								new SlotPlan.Slot(11_000, 11_000, "cron", 12_000))),
				new BatchClaims.JobClaim(due(second), null, 11_000,
						List.of(new SlotPlan.Slot(10_000, 10_000, "cron", 11_000))),
				new BatchClaims.JobClaim(due(moved), 9_000L, 11_000,
						List.of(new SlotPlan.Slot(10_000, 10_000, "cron", 11_000))));
		var claimed = this.batch.claimAll(claims, "a", TestShares.all(epoch), 5);
		assertThat(claimed).containsOnlyKeys("cron:" + first + ":10000", "cron:" + first + ":11000",
				"cron:" + second + ":10000");
		assertThat(nextFireAt(first)).isEqualTo(12_000L);
		assertThat(nextFireAt(second)).isEqualTo(11_000L);
		assertThat(nextFireAt(moved)).isEqualTo(10_000L);
		assertThat(runCount()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void claimWithoutTheLeaseWritesNothing(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("fenced", "* * * * * ?", true, 10_000L, "fire_once");
		this.lease.tryAcquire("a", TTL);
		ScheduledJob job = due(jobId);
		long result = claim(job, 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "b", 7, 5);
		assertThat(result).isEqualTo(MOVED);
		assertThat(runCount()).isZero();
		assertThat(nextFireAt(jobId)).isEqualTo(10_000L);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void claimRefusesScheduleChangedByAdmin(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("changed", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		ScheduledJob job = due(jobId);
		jdbc().sql("UPDATE job_schedules SET revision = revision + 1, next_fire_at = NULL WHERE job_id = ?")
			.param(jobId)
			.update();
		long result = claim(job, 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a", epoch, 5);
		assertThat(result).isEqualTo(MOVED);
		assertThat(runCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void sendFenceLetsOnlyTheClaimingEpochSendWhileItHoldsTheLease(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("send", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		long runId = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a",
				epoch, 5);
		assertThat(this.runs.markSending(runId, "a", epoch + 1, 6)).isFalse();
		assertThat(this.runs.markSending(runId, "b", epoch, 6)).isFalse();
		assertThat(this.runs.markSending(runId, "a", epoch, 6)).isTrue();
		assertThat(this.runs.markSending(runId, "a", epoch, 6)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void newLeaderRecoversRunClaimedByDeadEpochAndOldLeaderCanNoLongerSendIt(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("recover", "* * * * * ?", true, 10_000L, "fire_once");
		long oldEpoch = this.lease.tryAcquire("a", Duration.ofMillis(300)).getAsLong();
		long runId = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a",
				oldEpoch, 5);
		long newEpoch = awaitTakeover("b");
		List<RunClaims.PendingRow> orphaned = this.claims.orphaned("b");
		assertThat(orphaned).extracting(RunClaims.PendingRow::runId).containsExactly(runId);
		assertThat(this.claims.takeOver(orphaned, "b", () -> TestShares.all(newEpoch)))
			.as("taken over under the partition's new epoch")
			.extracting(RunClaims.PendingRow::runId, RunClaims.PendingRow::epoch)
			.containsExactly(tuple(runId, newEpoch));
		assertThat(this.claims.takeOver(orphaned, "b", () -> TestShares.all(newEpoch))).isEmpty();
		assertThat(this.runs.markSending(runId, "a", oldEpoch, 6)).isFalse();
		assertThat(this.runs.markSending(runId, "b", newEpoch, 6)).isTrue();
		assertThat(this.claims.orphaned("b")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aPartitionTakenAgainDuringTheTakeOverHandsItsRunsOverUnderItsNewestEpoch(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("moving", "* * * * * ?", true, 10_000L, "fire_once");
		long oldEpoch = this.lease.tryAcquire("a", Duration.ofMillis(300)).getAsLong();
		long runId = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a", oldEpoch, 5);
		long seenEpoch = awaitTakeover("b");
		List<RunClaims.PendingRow> orphaned = this.claims.orphaned("b");
		// Between the round's read and its takeover, b's keeper takes the partition again under a newer epoch.
		long newestEpoch = seenEpoch + 1;
		jdbc().sql("UPDATE scheduler_partitions SET epoch = ? WHERE holder = 'b'").param(newestEpoch).update();

		assertThat(this.claims.takeOver(orphaned, "b", () -> TestShares.all(newestEpoch)))
			.as("armed now under the epoch the partition is held by, not left for a later recovery")
			.extracting(RunClaims.PendingRow::runId, RunClaims.PendingRow::epoch)
			.containsExactly(tuple(runId, newestEpoch));
		assertThat(this.runs.markSending(runId, "b", newestEpoch, 6)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void takeOverMovesThousandsOfOrphanedClaimsAtOnceAndWithdrawsTheLateOnes(TestDatabase.Kind kind) {
		open(kind);
		int count = 2 * RunClaims.CHUNK + 200;
		long jobId = this.db.insertJob("busy", "* * * * * ?", true, 1_000L, "skip");
		long oldEpoch = this.lease.tryAcquire("a", Duration.ofMillis(300)).getAsLong();
		List<SlotPlan.Slot> slots = new java.util.ArrayList<>();
		for (long at = 1_000; at <= count * 1_000L; at += 1_000) {
			slots.add(new SlotPlan.Slot(at, at, "cron", at + 1_000));
		}
		assertThat(this.batch.claimAll(List.of(new BatchClaims.JobClaim(due(jobId), 1_000L, (count + 1) * 1_000L, slots)),
				"a", TestShares.all(oldEpoch), 5)).hasSize(count);
		long newEpoch = awaitTakeover("b");
		List<RunClaims.PendingRow> orphaned = this.claims.orphaned("b");
		assertThat(orphaned).hasSize(count);
		// One run left the claimed state between reading and taking over: it is not taken.
		long gone = orphaned.get(RunClaims.CHUNK + 3).runId();
		jdbc().sql("UPDATE run_logs SET state = 'dispatched' WHERE id = ?").param(gone).update();

		List<RunClaims.PendingRow> taken = this.claims.takeOver(orphaned, "b", () -> TestShares.all(newEpoch));

		assertThat(taken).hasSize(count - 1).extracting(RunClaims.PendingRow::runId).doesNotContain(gone);
		assertThat(claimedBy(newEpoch)).hasSize(count - 1);
		assertThat(this.claims.takeOver(orphaned, "b", () -> TestShares.all(newEpoch))).as("taken once only").isEmpty();
		assertThat(this.claims.takeOver(orphaned, "a", () -> TestShares.all(oldEpoch))).as("the dead epoch takes nothing back").isEmpty();

		List<Long> late = taken.subList(0, RunClaims.CHUNK + 100).stream().map(RunClaims.PendingRow::runId).toList();
		List<Long> lateAndGone = new java.util.ArrayList<>(late);
		lateAndGone.add(gone);
		assertThat(this.claims.withdraw(lateAndGone, "b")).containsExactlyInAnyOrderElementsOf(late);
		assertThat(this.claims.withdraw(late, "b")).as("withdrawn once").isEmpty();
		assertThat(claimedBy(newEpoch)).hasSize(count - 1 - late.size());
		assertThat(jdbc().sql("SELECT state FROM run_logs WHERE id = ?").param(gone).query(String.class).single())
			.isEqualTo("dispatched");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRoundSplitIntoUrgentAndLaterPassesClaimsEverySlotOnceAndMovesTheScheduleToTheEnd(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("catching-up", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		BatchClaims.JobClaim whole = new BatchClaims.JobClaim(due(jobId), 10_000L, 14_000L,
				List.of(new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), new SlotPlan.Slot(11_000, 11_000, "cron", 12_000),
						new SlotPlan.Slot(12_000, 12_000, "cron", 13_000), new SlotPlan.Slot(13_000, 13_000, "cron", 14_000)));
		ClaimOrder.Passes passes = ClaimOrder.split(List.of(whole), 11_500);

		assertThat(this.batch.claimAll(passes.urgent(), "a", TestShares.all(epoch), 5)).hasSize(2);
		assertThat(nextFireAt(jobId)).isEqualTo(12_000L);
		assertThat(this.batch.claimAll(passes.later(), "a", TestShares.all(epoch), 6)).hasSize(2);
		assertThat(nextFireAt(jobId)).isEqualTo(14_000L);
		assertThat(this.batch.claimAll(passes.later(), "a", TestShares.all(epoch), 7)).as("claimed once").isEmpty();
		assertThat(claimedBy(epoch)).hasSize(4);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void recoveryCannotTakeRunTheOldLeaderAlreadySent(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("sent", "* * * * * ?", true, 10_000L, "fire_once");
		long oldEpoch = this.lease.tryAcquire("a", Duration.ofMillis(300)).getAsLong();
		long runId = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a",
				oldEpoch, 5);
		assertThat(this.runs.markSending(runId, "a", oldEpoch, 6)).isTrue();
		long newEpoch = awaitTakeover("b");
		assertThat(this.claims.orphaned("b")).isEmpty();
		assertThat(this.claims.takeOver(List.of(new RunClaims.PendingRow(runId, jobId, oldEpoch, 10_000, "cron", 1)), "b", () -> TestShares.all(newEpoch))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void firesEachSlotOnceWhenTwoMastersBelieveTheyLead(TestDatabase.Kind kind) throws Exception {
		open(kind);
		int slots = 40;
		long jobId = this.db.insertJob("contended", "* * * * * ?", true, 1_000L, "fire_once");
		// Master a leads under epoch 1 and claims half the slots, then stalls past its lease; b takes over.
		long epochA = this.lease.tryAcquire("a", Duration.ofMillis(300)).getAsLong();
		for (int i = 1; i <= slots / 2; i++) {
			long at = i * 1000L;
			claim(due(jobId), at, new SlotPlan.Slot(at, at, "cron", at + 1000), "a", epochA, 5);
		}
		long epochB = awaitTakeover("b");
		// Both now act at once: a (still believing) claims and sends; b recovers, claims and sends.
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> sentByA = pool.submit(() -> {
				int sent = 0;
				for (long runId : claimedBy(epochA)) {
					if (this.runs.markSending(runId, "a", epochA, 7)) {
						sent++;
					}
				}
				return sent + actAs("a", epochA, slots).call();
			});
			Future<Integer> sentByB = pool.submit(() -> {
				int sent = 0;
				List<Long> recovered = this.claims.takeOver(this.claims.orphaned("b"), "b", () -> TestShares.all(epochB))
					.stream()
					.map(RunClaims.PendingRow::runId)
					.toList();
				sent += this.runs.markSendingAll(recovered, "b", 7).size();
				return sent + actAs("b", epochB, slots).call();
			});
			assertThat(sentByA.get()).isZero();
			assertThat(sentByB.get()).isEqualTo(slots);
		}
		finally {
			pool.shutdownNow();
		}
		List<Map<String, Object>> perSlot = jdbc()
			.sql("SELECT slot_key, COUNT(*) AS n FROM run_logs WHERE state = 'dispatched' GROUP BY slot_key HAVING COUNT(*) > 1")
			.query()
			.listOfRows();
		assertThat(perSlot).isEmpty();
		assertThat(jdbc().sql("SELECT COUNT(*) FROM run_logs WHERE state = 'dispatched' AND epoch = ?")
			.param(epochB)
			.query(Long.class)
			.single()).isEqualTo(slots);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void sendFenceForAnInstantPassesOnlyRunsStillClaimedUnderTheEpoch(TestDatabase.Kind kind) {
		open(kind);
		long jobA = this.db.insertJob("instant-a", "* * * * * ?", true, 10_000L, "fire_once");
		long jobB = this.db.insertJob("instant-b", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		SlotPlan.Slot slot = new SlotPlan.Slot(10_000, 10_000, "cron", 11_000);
		long runA = claim(due(jobA), 10_000L, slot, "a", epoch, 5);
		long runB = claim(due(jobB), 10_000L, slot, "a", epoch, 5);
		assertThat(this.runs.markSending(runB, "a", epoch, 6)).isTrue();
		assertThat(this.runs.markSendingAll(List.of(runA, runB), "b", 7)).isEmpty();
		assertThat(this.runs.markSendingAll(List.of(runA, runB), "a", 7)).containsExactly(runA);
		assertThat(this.runs.markSendingAll(List.of(runA, runB), "a", 8)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void broadcastCreatesOneDispatchedChildPerWorkerOnlyWhileTheLeaseIsHeld(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("broadcast", "* * * * * ?", true, 10_000L, "fire_once");
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		long parent = claim(due(jobId), 10_000L, new SlotPlan.Slot(10_000, 10_000, "cron", 11_000), "a", epoch, 5);
		assertThat(this.runs.markSending(parent, "a", epoch, 6)).isTrue();
		var first = this.runs.insertBroadcastChild(parent, "w-1", "a", epoch, 7);
		var second = this.runs.insertBroadcastChild(parent, "w-2", "a", epoch, 7);
		assertThat(first).isPresent();
		assertThat(second).isPresent();
		assertThat(this.runs.insertBroadcastChild(parent, "w-1", "a", epoch, 8)).isEmpty();
		assertThat(this.runs.insertBroadcastChild(parent, "w-3", "b", epoch, 8)).isEmpty();
		assertThat(jdbc().sql("SELECT slot_key FROM run_logs WHERE parent_run_id = ? AND state = 'dispatched' "
				+ "ORDER BY id").param(parent).query(String.class).list())
			.containsExactly("bcast:" + parent + ":w-1", "bcast:" + parent + ":w-2");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void requestedRunIsClaimedOnceUnderTheLeadersEpoch(TestDatabase.Kind kind) {
		open(kind);
		long jobId = this.db.insertJob("manual", "* * * * * ?", false, null, "fire_once");
		jdbc().sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
				+ "epoch, trigger_kind, slot_key) VALUES (?, 'u', 'manual', 'http', 'requested', 3, 0, 500, 0, 'manual', 'manual:x')")
			.param(jobId)
			.update();
		long epoch = this.lease.tryAcquire("a", TTL).getAsLong();
		List<RunClaims.PendingRow> requested = this.claims.requested(1000, TestShares.all(epoch));
		assertThat(requested).hasSize(1);
		assertThat(this.claims.claimRequested(requested.get(0), "b", epoch)).isFalse();
		assertThat(this.claims.claimRequested(requested.get(0), "a", epoch)).isTrue();
		assertThat(this.claims.claimRequested(requested.get(0), "a", epoch)).isFalse();
		assertThat(this.claims.requested(1000, TestShares.all(epoch))).isEmpty();
	}

	/** Claims and sends every slot 1..slots as the given master, counting what it managed to send. */
	private Callable<Integer> actAs(String holder, long epoch, int slots) {
		return () -> {
			int sent = 0;
			for (int i = 1; i <= slots; i++) {
				long at = i * 1000L;
				ScheduledJob job = dueOrNull();
				if (job == null) {
					continue;
				}
				long runId = claim(job, at, new SlotPlan.Slot(at, at, "cron", at + 1000), holder, epoch, 5);
				if (runId > 0 && this.runs.markSending(runId, holder, epoch, 7)) {
					sent++;
				}
			}
			return sent;
		};
	}

	private ScheduledJob dueOrNull() {
		List<ScheduledJob> due = this.schedules.loadDue(Long.MAX_VALUE - 1, TestShares.all(0));
		return due.isEmpty() ? null : due.get(0);
	}

	/** The id of the slot's new run, or {@link #MOVED} when nothing was claimed. */
	private long claim(ScheduledJob job, Long expected, SlotPlan.Slot slot, String holder, long epoch, long now) {
		Long runId = this.batch
			.claimAll(List.of(new BatchClaims.JobClaim(job, expected, slot.nextAfter(), List.of(slot))), holder, TestShares.all(epoch), now)
			.get(ScheduleStore.slotKey(job.job().id(), slot.scheduledAtMs()));
		return (runId != null) ? runId : MOVED;
	}

	private List<Long> claimedBy(long epoch) {
		return jdbc().sql("SELECT id FROM run_logs WHERE state = 'claimed' AND epoch = ?").param(epoch).query(Long.class).list();
	}

	private long awaitTakeover(String holder) {
		long[] epoch = new long[1];
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			var acquired = this.lease.tryAcquire(holder, TTL);
			acquired.ifPresent((e) -> epoch[0] = e);
			return acquired.isPresent();
		});
		return epoch[0];
	}

	private ScheduledJob due(long jobId) {
		return this.schedules.loadDue(Long.MAX_VALUE - 1, TestShares.all(0))
			.stream()
			.filter((j) -> j.job().id() == jobId)
			.findFirst()
			.orElseThrow();
	}

	private Long nextFireAt(long jobId) {
		return jdbc().sql("SELECT next_fire_at FROM job_schedules WHERE job_id = ?").param(jobId).query(Long.class).single();
	}

	private long runCount() {
		return jdbc().sql("SELECT COUNT(*) FROM run_logs").query(Long.class).single();
	}

	private JdbcClient jdbc() {
		return this.db.jdbc();
	}

}
