package io.cronhive.master.dependency;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunParent;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.RunStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Child runs and joins created in the transaction that finishes the parent, on H2 (MySQL mode) and MariaDB: at
 * most once per parent run and per join instant, however often and wherever the parent's report is applied.
 */
class DependencyIntegrationTests {

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private static final long NOW = 1_900_000_000_000L;

	private static final long INSTANT = NOW - 60_000;

	private TestDatabase db;

	private long nextSlot;

	private void open(TestDatabase.Kind kind) {
		this.db = databases.fresh(kind);
		this.db.jdbc().sql("DELETE FROM job_dependencies").update();
		this.db.jdbc().sql("DELETE FROM join_waits").update();
		this.db.jdbc().sql("DELETE FROM join_arrivals").update();
	}

	/** A store as a master builds it: the finish and its dependents in one transaction, read committed. */
	private List<Long> report(long runId, RunStatus status, RunOutcome outcome) {
		DependencyStore store = new DependencyStore(this.db.jdbc(), this.db.named());
		RunStore runs = new RunStore(this.db.jdbc(), this.db.named(), new DependentRuns(store, clockAt(NOW)));
		TransactionTemplate tx = this.db.transactions();
		tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		tx.executeWithoutResult((s) -> runs.applyReports(List.of(new RunReport("cluster-a", runId, 1, "w1",
				"10.0.0.1", status, outcome, 0, "", false, null, NOW - 100, NOW))));
		return List.of(runId);
	}

	private void ok(long runId) {
		report(runId, RunStatus.DONE, RunOutcome.OK);
	}

	private void failed(long runId) {
		report(runId, RunStatus.DONE, RunOutcome.FAILED);
	}

	private long job(String name) {
		return this.db.insertJob(name, "0 0 0 1 1 ? 2099", false, null, "fire_once");
	}

	private void trigger(long parent, long child, String on) {
		this.db.jdbc()
			.sql("INSERT INTO job_dependencies (parent_job_id, child_job_id, kind, run_on) VALUES (?, ?, 'trigger', ?)")
			.params(parent, child, on)
			.update();
	}

	private void join(long child, long timeoutMs, long... parents) {
		for (long parent : parents) {
			this.db.jdbc()
				.sql("INSERT INTO job_dependencies (parent_job_id, child_job_id, kind, run_on) VALUES (?, ?, 'join', 'success')")
				.params(parent, child)
				.update();
		}
		this.db.jdbc().sql("UPDATE jobs SET join_timeout_ms = ? WHERE id = ?").params(timeoutMs, child).update();
	}

	/** A dispatched run of the job at that instant. */
	private long run(long jobId, long instant) {
		return run(jobId, instant, 1, "cron", null);
	}

	private long run(long jobId, long instant, int attempt, String kind, Long parentRunId) {
		String key = "test:" + (++this.nextSlot);
		this.db.jdbc()
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
					+ "dispatched_at, attempt, epoch, trigger_kind, slot_key, parent_run_id) "
					+ "VALUES (?, 'u', 'n', 'http', 'dispatched', 1, 0, ?, ?, ?, 1, ?, ?, ?)")
			.params(jobId, instant, instant, attempt, kind, key, parentRunId)
			.update();
		return this.db.jdbc().sql("SELECT id FROM run_logs WHERE slot_key = ?").param(key).query(Long.class).single();
	}

	private List<Map<String, Object>> runsOf(long jobId) {
		return this.db.jdbc()
			.sql("SELECT id, state, status, trigger_kind, slot_key, parent_run_id, instant_ms, message FROM run_logs "
					+ "WHERE job_id = ? ORDER BY id")
			.param(jobId)
			.query()
			.listOfRows();
	}

	private static Clock clockAt(long ms) {
		return Clock.fixed(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void successfulParentRequestsItsChildOnceHoweverOftenItsReportIsApplied(TestDatabase.Kind kind) {
		open(kind);
		long parent = job("parent");
		long child = job("child");
		long onFailure = job("on-failure");
		trigger(parent, child, "success");
		trigger(parent, onFailure, "failure");
		long parentRun = run(parent, INSTANT);

		ok(parentRun);
		ok(parentRun);
		ok(parentRun);

		List<Map<String, Object>> children = runsOf(child);
		assertThat(children).hasSize(1);
		assertThat(children.get(0)).containsEntry("state", "requested")
			.containsEntry("trigger_kind", "dependency")
			.containsEntry("slot_key", "dep:" + child + ":" + parentRun);
		assertThat(((Number) children.get(0).get("parent_run_id")).longValue()).isEqualTo(parentRun);
		assertThat(((Number) children.get(0).get("instant_ms")).longValue()).isEqualTo(INSTANT);
		assertThat(runsOf(onFailure)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void failedParentRequestsFailureAndAlwaysChildrenOnly(TestDatabase.Kind kind) {
		open(kind);
		long parent = job("parent");
		long onSuccess = job("on-success");
		long onFailure = job("on-failure");
		long always = job("always");
		trigger(parent, onSuccess, "success");
		trigger(parent, onFailure, "failure");
		trigger(parent, always, "always");

		failed(run(parent, INSTANT));

		assertThat(runsOf(onSuccess)).isEmpty();
		assertThat(runsOf(onFailure)).hasSize(1);
		assertThat(runsOf(always)).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void failedRunWithRetriesLeftTriggersNothingUntilItsLastAttemptFails(TestDatabase.Kind kind) {
		open(kind);
		long parent = job("parent");
		long onFailure = job("on-failure");
		this.db.jdbc().sql("UPDATE jobs SET retries = 1 WHERE id = ?").param(parent).update();
		trigger(parent, onFailure, "failure");
		long first = run(parent, INSTANT);

		failed(first);
		assertThat(runsOf(onFailure)).isEmpty();

		long retry = run(parent, NOW, 2, "retry", first);
		failed(retry);
		List<Map<String, Object>> children = runsOf(onFailure);
		assertThat(children).hasSize(1);
		assertThat(((Number) children.get(0).get("parent_run_id")).longValue()).isEqualTo(retry);
		// The retry belongs to its first attempt's instant, so a join downstream still matches it.
		assertThat(((Number) children.get(0).get("instant_ms")).longValue()).isEqualTo(INSTANT);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void joinFiresOnceWhenTheLastParentOfTheInstantSucceeds(TestDatabase.Kind kind) {
		open(kind);
		long a = job("a");
		long b = job("b");
		long joined = job("joined");
		join(joined, 600_000, a, b);
		long runA = run(a, INSTANT);
		long runB = run(b, INSTANT);
		long otherInstant = run(b, INSTANT - 1000);

		ok(runA);
		ok(otherInstant);
		assertThat(runsOf(joined)).isEmpty();

		ok(runB);
		ok(runB);
		List<Map<String, Object>> runs = runsOf(joined);
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0)).containsEntry("state", "requested")
			.containsEntry("trigger_kind", "join")
			.containsEntry("slot_key", "join:" + joined + ":" + INSTANT);
		assertThat(((Number) runs.get(0).get("parent_run_id")).longValue()).isEqualTo(runB);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void childrenOfOneParentRunMeetAtTheirJoin(TestDatabase.Kind kind) {
		open(kind);
		long parent = job("parent");
		long left = job("left");
		long right = job("right");
		long joined = job("joined");
		trigger(parent, left, "success");
		trigger(parent, right, "success");
		join(joined, 600_000, left, right);
		ok(run(parent, INSTANT));
		long leftRun = ((Number) runsOf(left).get(0).get("id")).longValue();
		long rightRun = ((Number) runsOf(right).get(0).get("id")).longValue();
		this.db.jdbc().sql("UPDATE run_logs SET state = 'dispatched' WHERE id IN (?, ?)").params(leftRun, rightRun).update();

		ok(leftRun);
		ok(rightRun);

		assertThat(runsOf(joined)).singleElement()
			.satisfies((run) -> assertThat(run).containsEntry("slot_key", "join:" + joined + ":" + INSTANT));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void failedParentFailsTheJoinWithItsReasonAndALaterSuccessDoesNotFireIt(TestDatabase.Kind kind) {
		open(kind);
		long a = job("a");
		long b = job("b");
		long joined = job("joined");
		join(joined, 600_000, a, b);
		long runA = run(a, INSTANT);

		failed(runA);
		ok(run(b, INSTANT));

		List<Map<String, Object>> runs = runsOf(joined);
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0)).containsEntry("state", "finished")
			.containsEntry("message", "join failed: run " + runA + " of parent job " + a + " failed");
		assertThat(((Number) runs.get(0).get("status")).intValue()).isEqualTo(4);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void joinWhoseLastParentSucceedsAfterTheTimeoutFailsInsteadOfFiring(TestDatabase.Kind kind) {
		open(kind);
		long a = job("a");
		long b = job("b");
		long joined = job("joined");
		join(joined, 1000, a, b);

		ok(run(a, INSTANT));
		ok(run(b, INSTANT));

		assertThat(runsOf(joined)).singleElement()
			.satisfies((run) -> assertThat((String) run.get("message")).startsWith("join timed out"));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void timeoutSweepRecordsOneFailedRunNamingTheParentThatNeverSucceeded(TestDatabase.Kind kind) {
		open(kind);
		long a = job("a");
		long b = job("b");
		long joined = job("joined");
		join(joined, 30_000, a, b);
		ok(run(a, INSTANT));
		JoinTimeouts sweep = new JoinTimeouts(new DependencyStore(this.db.jdbc(), this.db.named()),
				mock(LeaderElector.class), this.db.transactions(), clockAt(NOW));

		assertThat(sweep.sweep()).isEqualTo(1);
		assertThat(sweep.sweep()).isZero();
		ok(run(b, INSTANT));

		assertThat(runsOf(joined)).singleElement()
			.satisfies((run) -> assertThat(run).containsEntry("state", "finished")
				.containsEntry("message", "join timed out after 30000 ms: no successful run of parent job(s) [" + b
						+ "] for this instant"));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void parentsFinishingAtOnceFireEachJoinExactlyOnce(TestDatabase.Kind kind) throws Exception {
		open(kind);
		long a = job("a");
		long b = job("b");
		long joined = job("joined");
		join(joined, 600_000, a, b);
		int instants = 20;
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < instants; i++) {
				long runA = run(a, INSTANT + i * 1000L);
				long runB = run(b, INSTANT + i * 1000L);
				CyclicBarrier start = new CyclicBarrier(2);
				Future<?> left = pool.submit(() -> {
					start.await();
					return report(runA, RunStatus.DONE, RunOutcome.OK);
				});
				Future<?> right = pool.submit(() -> {
					start.await();
					return report(runB, RunStatus.DONE, RunOutcome.OK);
				});
				left.get(30, TimeUnit.SECONDS);
				right.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(this.db.jdbc()
			.sql("SELECT COUNT(*) FROM run_logs WHERE job_id = ? AND state = 'requested'")
			.param(joined)
			.query(Long.class)
			.single()).isEqualTo(instants);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void childAndItsRetriesAreSentWithTheParentRun(TestDatabase.Kind kind) {
		open(kind);
		long parent = job("parent");
		long child = job("child");
		trigger(parent, child, "always");
		long parentRun = run(parent, INSTANT);
		failed(parentRun);
		long childRun = ((Number) runsOf(child).get(0).get("id")).longValue();
		long retry = run(child, NOW, 2, "retry", childRun);
		RunParents parents = new RunParents(this.db.jdbc());
		String uuid = this.db.jdbc().sql("SELECT job_uuid FROM run_logs WHERE id = ?").param(parentRun)
			.query(String.class).single();

		assertThat(parents.of(claimed(childRun, "dependency"), childRun))
			.isEqualTo(new RunParent(parentRun, uuid, "failure"));
		assertThat(parents.of(claimed(retry, "retry"), retry)).isEqualTo(new RunParent(parentRun, uuid, "failure"));
		assertThat(parents.of(claimed(parentRun, "cron"), parentRun)).isNull();
	}

	private static ClaimedRun claimed(long runId, String kind) {
		return new ClaimedRun(runId, 1, NOW, kind, 1, new JobSpec(1, "u", "n", null, null, null, "* * * * * ?", "UTC",
				JobType.HTTP, "http://127.0.0.1:9/", Map.of(), 0, 0, 0, "round_robin", "fire_once", "allow", null));
	}

}
