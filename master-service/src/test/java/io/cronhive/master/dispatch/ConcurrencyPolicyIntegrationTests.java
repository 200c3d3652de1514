package io.cronhive.master.dispatch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.common.dispatch.RunVerdict.Verdict;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import io.cronhive.master.run.Acceptances;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.JobSpecs;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.ShareKeeper;
import io.cronhive.master.share.TestShares;
import io.cronhive.master.cluster.ClusterIdentity;
import io.cronhive.master.dependency.RunParents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A job's concurrency policy as a user sees it, on H2 (MySQL mode) and MariaDB: the real send fence, the
 * guard's query of in-flight runs and the run's own row, with only the calls to workers stubbed. An earlier run
 * of the job is in flight on worker instance x when the next one is dispatched.
 */
class ConcurrencyPolicyIntegrationTests {

	private static final String HOLDER = "master-1";

	private static final WorkerInstance X = worker("x");

	private static final WorkerInstance Y = worker("y");

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private final WorkerCalls calls = mock(WorkerCalls.class);

	private final WorkerDirectory directory = mock(WorkerDirectory.class);

	private TestDatabase db;

	private long epoch;

	private long jobId;

	private long earlierRunId;

	private Dispatcher dispatcher;

	private void open(TestDatabase.Kind kind, String concurrency) {
		this.db = databases.fresh(kind);
		this.epoch = new TestShares(this.db.jdbc()).tryAcquire(HOLDER, Duration.ofMinutes(5))
			.getAsLong();
		this.jobId = this.db.insertJob("guarded", "* * * * * ?", true, null, "fire_once");
		this.db.jdbc().sql("UPDATE jobs SET concurrency = ? WHERE id = ?").params(concurrency, this.jobId).update();
		this.earlierRunId = insertRun("dispatched", "x", "cron:guarded:1000");
		ShareKeeper shares = mock(ShareKeeper.class);
		given(shares.current()).willReturn(TestShares.all(this.epoch));
		given(shares.holds(anyLong(), eq(this.epoch))).willReturn(true);
		given(shares.holder()).willReturn(HOLDER);
		given(this.directory.workers()).willReturn(List.of(X, Y));
		given(this.calls.runBatch(any(), any())).willAnswer((invocation) -> allAccepted(invocation.getArgument(1)));
		given(this.calls.kill(any(), anyLong(), any())).willReturn(new CallResult(CallResult.Kind.ACCEPTED,
				"kill sent"));
		this.dispatcher = new Dispatcher(shares, new RunStore(this.db.jdbc(), this.db.named()), mock(RunRetries.class),
				this.directory, mock(WorkerGroups.class), new WorkerHealth(4, Duration.ofSeconds(5)), this.calls,
				mock(InFlightRuns.class), new ConcurrencyGuard(this.db.jdbc(), this.calls),
				new DispatchMetrics(new SimpleMeterRegistry()), mock(RunMetrics.class), mock(Acceptances.class),
				ClusterIdentity.of("cluster-a"), 10, Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC(),
				mock(RunParents.class));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void replaceKillsTheEarlierRunOnItsWorkerThenSendsTheNewRun(TestDatabase.Kind kind) {
		open(kind, "replace");
		long newRunId = dispatchNextRun();

		assertThat(sentRunIds()).containsExactly(newRunId);
		InOrder order = inOrder(this.calls);
		order.verify(this.calls).kill(X, this.earlierRunId, "replaced by run " + newRunId);
		order.verify(this.calls).runBatch(any(), any());
		then(this.calls).should(never()).kill(eq(Y), anyLong(), any());
		assertThat(row(newRunId)).containsEntry("state", "dispatched").containsEntry("message", null);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void replaceSendsTheNewRunWithoutAKillWhenTheEarlierRunsWorkerIsNoLongerOnline(TestDatabase.Kind kind) {
		open(kind, "replace");
		given(this.directory.workers()).willReturn(List.of(Y));
		long newRunId = dispatchNextRun();

		assertThat(sentRunIds()).containsExactly(newRunId);
		then(this.calls).should(never()).kill(any(), anyLong(), any());
		assertThat(row(newRunId)).containsEntry("state", "dispatched");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void skipFinishesTheNewRunAsAnErrorNamingTheRunStillInFlightAndSendsNothing(TestDatabase.Kind kind) {
		open(kind, "skip");
		long newRunId = dispatchNextRun();

		await().atMost(Duration.ofSeconds(5)).until(() -> "finished".equals(row(newRunId).get("state")));
		Map<String, Object> run = row(newRunId);
		assertThat(run).containsEntry("message",
				"skipped: run " + this.earlierRunId + " of this job is still running (concurrency skip)");
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(RunStatus.ERROR.code());
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(RunOutcome.FAILED.code());
		then(this.calls).should(never()).runBatch(any(), any());
		then(this.calls).should(never()).run(any(), any());
		then(this.calls).should(never()).kill(any(), anyLong(), any());
		assertThat(row(this.earlierRunId)).containsEntry("state", "dispatched");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void skipSendsTheNewRunOnceTheEarlierRunHasFinished(TestDatabase.Kind kind) {
		open(kind, "skip");
		this.db.jdbc().sql("UPDATE run_logs SET state = 'finished', status = 2 WHERE id = ?").param(this.earlierRunId)
			.update();
		long newRunId = dispatchNextRun();

		assertThat(sentRunIds()).containsExactly(newRunId);
		assertThat(row(newRunId)).containsEntry("state", "dispatched");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void allowSendsTheNewRunWhileTheEarlierOneIsStillInFlight(TestDatabase.Kind kind) {
		open(kind, "allow");
		long newRunId = dispatchNextRun();

		assertThat(sentRunIds()).containsExactly(newRunId);
		then(this.calls).should(never()).kill(any(), anyLong(), any());
		assertThat(row(newRunId)).containsEntry("state", "dispatched");
	}

	@Test
	void allowAdmitsTheRunWithoutLookingForRunsInFlight() {
		JdbcClient jdbc = mock(JdbcClient.class);
		WorkerCalls workers = mock(WorkerCalls.class);
		JobSpec job = new JobSpec(1, "u", "guarded", null, null, null, "* * * * * ?", "UTC", JobType.HTTP,
				"http://127.0.0.1:9/", Map.of(), 0, 0, 1000, "round_robin", "fire_once", "allow", "u");
		ClaimedRun run = new ClaimedRun(2, 7, 0, "cron", 1, job);

		assertThat(new ConcurrencyGuard(jdbc, workers).admit(run, List.of(X))).isNull();
		verifyNoInteractions(jdbc, workers);
	}

	/** Claims the job's next run under this epoch, as the trigger does, and hands it to the dispatcher. */
	private long dispatchNextRun() {
		long runId = insertRun("claimed", null, "cron:guarded:2000");
		ClaimedRun run = new ClaimedRun(runId, this.epoch, System.currentTimeMillis(), "cron", 1,
				new JobSpecs(this.db.jdbc()).find(this.jobId).orElseThrow());
		this.dispatcher.dispatchAll(List.of(run));
		return runId;
	}

	private long insertRun(String state, String workerInstance, String slotKey) {
		this.db.jdbc()
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, worker_instance, create_time, "
					+ "scheduled_at, epoch, trigger_kind, slot_key) SELECT id, job_id, name, type, ?, ?, ?, 0, 0, ?, "
					+ "'cron', ? FROM jobs WHERE id = ?")
			.params(state, "dispatched".equals(state) ? RunStatus.RUNNING.code() : RunStatus.UNKNOWN.code(),
					workerInstance, this.epoch, slotKey, this.jobId)
			.update();
		return this.db.jdbc().sql("SELECT id FROM run_logs WHERE slot_key = ?").param(slotKey).query(Long.class).single();
	}

	private Map<String, Object> row(long runId) {
		return this.db.jdbc()
			.sql("SELECT state, status, result, message FROM run_logs WHERE id = ?")
			.param(runId)
			.query()
			.singleRow();
	}

	@SuppressWarnings("unchecked")
	private List<Long> sentRunIds() {
		ArgumentCaptor<List<RunRequest>> batches = ArgumentCaptor.forClass(List.class);
		then(this.calls).should(timeout(5000).atLeastOnce()).runBatch(any(), batches.capture());
		then(this.calls).should(never()).run(any(), any());
		return batches.getAllValues().stream().flatMap(List::stream).map(RunRequest::runId).toList();
	}

	private static WorkerCalls.BatchCall allAccepted(List<RunRequest> requests) {
		List<RunVerdict> verdicts = new ArrayList<>();
		requests.forEach((request) -> verdicts.add(new RunVerdict(request.runId(), Verdict.ACCEPTED, null)));
		return new WorkerCalls.BatchCall(verdicts, null);
	}

	private static WorkerInstance worker(String id) {
		return new WorkerInstance(id, "worker-agent", URI.create("http://" + id + ":8083"), "10.0.0.1", "w-" + id, null);
	}

}
