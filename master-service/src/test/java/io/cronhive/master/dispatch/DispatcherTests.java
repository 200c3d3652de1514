package io.cronhive.master.dispatch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.common.dispatch.RunVerdict.Verdict;
import io.cronhive.common.job.JobType;
import io.cronhive.master.run.Acceptances;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.ShareKeeper;
import io.cronhive.master.share.TestShares;
import io.cronhive.master.cluster.ClusterIdentity;
import io.cronhive.master.dependency.RunParents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;

/**
 * How the dispatcher fans the runs of one instant out: one batch per first-choice worker, one batch per next
 * candidate for the runs a worker refused, one-by-one sends to an agent without batches, and never a second
 * worker for a run whose batch went unanswered.
 */
class DispatcherTests {

	static final long EPOCH = 7;

	static final WorkerInstance A = worker("a");

	static final WorkerInstance B = worker("b");

	final ShareKeeper shares = mock(ShareKeeper.class);

	final RunStore runs = mock(RunStore.class);

	final WorkerDirectory directory = mock(WorkerDirectory.class);

	final WorkerCalls calls = mock(WorkerCalls.class);

	final Acceptances acceptances = mock(Acceptances.class);

	final RunRetries retries = mock(RunRetries.class);

	Dispatcher dispatcher;

	@BeforeEach
	void setUp() {
		given(this.shares.current()).willReturn(TestShares.all(EPOCH));
		given(this.shares.holds(anyLong(), eq(EPOCH))).willReturn(true);
		given(this.shares.holder()).willReturn("master-1");
		given(this.runs.markSendingAll(anyCollection(), anyString(), anyLong()))
			.willAnswer((invocation) -> Set.copyOf(invocation.<Collection<Long>>getArgument(0)));
		given(this.runs.finishWithError(anyLong(), anyString(), anyLong())).willReturn(true);
		given(this.directory.workers()).willReturn(List.of(A, B));
		this.dispatcher = dispatcher(Duration.ofSeconds(5));
	}

	private Dispatcher dispatcher(Duration busyHold) {
		return new Dispatcher(this.shares, this.runs, this.retries, this.directory, mock(WorkerGroups.class),
				new WorkerHealth(4, Duration.ofSeconds(5)), this.calls, mock(InFlightRuns.class),
				mock(ConcurrencyGuard.class), new DispatchMetrics(new SimpleMeterRegistry()), mock(RunMetrics.class),
				this.acceptances, ClusterIdentity.of("cluster-a"), 2, busyHold, Duration.ofMillis(100),
				Clock.systemUTC(), mock(RunParents.class));
	}

	@Test
	void runsWhoseFirstChoiceIsTheSameWorkerGoInBatchesOfTheConfiguredSize() {
		given(this.calls.runBatch(eq(A), any())).willAnswer((invocation) -> allAccepted(invocation.getArgument(1)));

		this.dispatcher.dispatchAll(List.of(run(1), run(2), run(3)));

		ArgumentCaptor<List<RunRequest>> batches = batchesSentTo(A, 2);
		assertThat(batches.getAllValues()).extracting((batch) -> batch.stream().map(RunRequest::runId).toList())
			.containsExactlyInAnyOrder(List.of(1L, 2L), List.of(3L));
		for (long runId = 1; runId <= 3; runId++) {
			then(this.acceptances).should(timeout(2000)).accepted(eq(runId), eq(runId), eq("w-a"), any(), eq("a"), anyLong());
		}
		then(this.calls).should(never()).run(any(), any());
	}

	@Test
	void runsTheirFirstChoiceRefusesGoToTheNextCandidateInOneBatch() {
		given(this.calls.runBatch(eq(A), any())).willReturn(new WorkerCalls.BatchCall(List.of(
				new RunVerdict(1, Verdict.ACCEPTED, null),
				new RunVerdict(2, Verdict.AT_CAPACITY, "all 16 run slots of this worker are busy")), null));
		given(this.calls.runBatch(eq(B), any())).willAnswer((invocation) -> allAccepted(invocation.getArgument(1)));

		this.dispatcher.dispatchAll(List.of(run(1), run(2)));

		assertThat(batchesSentTo(B, 1).getValue()).extracting(RunRequest::runId).containsExactly(2L);
		then(this.acceptances).should(timeout(2000)).accepted(eq(1L), anyLong(), eq("w-a"), any(), any(), anyLong());
		then(this.acceptances).should(timeout(2000)).accepted(eq(2L), anyLong(), eq("w-b"), any(), any(), anyLong());
		then(this.calls).should(never()).run(any(), any());
	}

	@Test
	void anInstantEveryWorkerRefusesFailsRunByRunWithoutASendPerRun() {
		this.dispatcher = dispatcher(Duration.ZERO);
		given(this.calls.runBatch(any(), any())).willAnswer((invocation) -> {
			List<RunRequest> requests = invocation.getArgument(1);
			return new WorkerCalls.BatchCall(requests.stream()
				.map((r) -> new RunVerdict(r.runId(), Verdict.AT_CAPACITY, "all 16 run slots of this worker are busy"))
				.toList(), null);
		});

		this.dispatcher.dispatchAll(List.of(run(1), run(2), run(3), run(4)));

		// Two batches of two to each worker (batch size 2 here), each refused batch failed in one call.
		ArgumentCaptor<List<RunStore.Failure>> failed = failuresOf(2);
		String why = "no worker accepted the run: w-a (http://a:8083) all 16 run slots of this worker are busy; "
				+ "w-b (http://b:8083) all 16 run slots of this worker are busy";
		assertThat(failed.getAllValues().stream().flatMap(List::stream).toList()).containsExactlyInAnyOrder(
				new RunStore.Failure(1, why), new RunStore.Failure(2, why), new RunStore.Failure(3, why),
				new RunStore.Failure(4, why));
		then(this.runs).should(never()).finishWithError(anyLong(), any(), anyLong());
		batchesSentTo(A, 2);
		batchesSentTo(B, 2);
		then(this.calls).should(never()).run(any(), any());
		then(this.acceptances).should(never()).accepted(anyLong(), anyLong(), any(), any(), any(), anyLong());
	}

	@Test
	void anInstantWithNoWorkerOnlineFailsInOneStatementWithoutASend() {
		given(this.directory.workers()).willReturn(List.of());

		this.dispatcher.dispatchAll(List.of(run(1), run(2), run(3)));

		// With every worker gone, a statement per run at thousands of runs a second was the cost of being down.
		ArgumentCaptor<List<RunStore.Failure>> failed = failuresOf(1);
		assertThat(failed.getValue()).containsExactly(new RunStore.Failure(1, "no worker is online"),
				new RunStore.Failure(2, "no worker is online"), new RunStore.Failure(3, "no worker is online"));
		then(this.runs).should(never()).finishWithError(anyLong(), any(), anyLong());
		then(this.calls).should(never()).runBatch(any(), any());
		then(this.calls).should(never()).run(any(), any());
	}

	@Test
	void anAgentWithoutBatchesGetsEachRunByItself() {
		given(this.calls.runBatch(eq(A), any())).willReturn(new WorkerCalls.BatchCall(null,
				new CallResult(CallResult.Kind.BATCH_UNSUPPORTED, "w-a takes no batches")));
		given(this.calls.run(eq(A), any())).willReturn(new CallResult(CallResult.Kind.ACCEPTED, "accepted"));

		this.dispatcher.dispatchAll(List.of(run(1), run(2)));

		then(this.calls).should(timeout(2000).times(2)).run(eq(A), any());
		then(this.calls).should(never()).run(eq(B), any());
		then(this.acceptances).should(timeout(2000).times(2)).accepted(anyLong(), anyLong(), eq("w-a"), any(), any(),
				anyLong());
	}

	@Test
	void runsOfAnUnansweredBatchAreNeverSentToAnotherWorker() {
		given(this.calls.runBatch(eq(A), any())).willReturn(new WorkerCalls.BatchCall(null,
				new CallResult(CallResult.Kind.UNACKNOWLEDGED, "w-a did not answer in time")));

		this.dispatcher.dispatchAll(List.of(run(1), run(2)));

		then(this.runs).should(timeout(2000)).markUnacknowledged(eq(1L), eq("w-a"), any(), eq("a"), anyString());
		then(this.runs).should(timeout(2000)).markUnacknowledged(eq(2L), eq("w-a"), any(), eq("a"), anyString());
		then(this.calls).should(never()).run(any(), any());
		then(this.calls).should(times(1)).runBatch(any(), any());
	}

	@Test
	void aRunNoWorkerTakesIsFinishedWithEveryRefusal() {
		given(this.calls.runBatch(eq(A), any())).willReturn(new WorkerCalls.BatchCall(null,
				new CallResult(CallResult.Kind.REFUSED, "w-a unreachable: ConnectException")));
		given(this.calls.runBatch(eq(B), any())).willReturn(new WorkerCalls.BatchCall(null,
				new CallResult(CallResult.Kind.REFUSED, "w-b at its concurrency limit (429)")));

		this.dispatcher.dispatchAll(List.of(run(1)));

		assertThat(failuresOf(1).getValue()).containsExactly(new RunStore.Failure(1,
				"no worker accepted the run: w-a unreachable: ConnectException; w-b at its concurrency limit (429)"));
	}

	@Test
	void runsEveryWorkerIsTooBusyForAreHeldAndTakenWhenRoomFreesUp() {
		AtomicInteger offers = new AtomicInteger();
		given(this.calls.runBatch(any(), any())).willAnswer((invocation) -> {
			List<RunRequest> requests = invocation.getArgument(1);
			// Both workers are full for the first offer of the instant (one batch each); then A has room.
			return (offers.incrementAndGet() <= 2) ? allBusy(requests) : allAccepted(requests);
		});

		this.dispatcher.dispatchAll(List.of(run(1), run(2)));

		then(this.acceptances).should(timeout(3000)).accepted(eq(1L), anyLong(), any(), any(), any(), anyLong());
		then(this.acceptances).should(timeout(3000)).accepted(eq(2L), anyLong(), any(), any(), any(), anyLong());
		then(this.runs).should(never()).finishAllWithError(any(), anyLong());
	}

	@Test
	void aRunWorkersStayTooBusyForEndsByItsMisfirePolicyAndIsNotRetried() {
		this.dispatcher = dispatcher(Duration.ofMillis(350));
		given(this.calls.runBatch(any(), any())).willAnswer((invocation) -> allBusy(invocation.getArgument(1)));

		this.dispatcher.dispatchAll(List.of(run(1, "skip"), run(2, "fire_once")));

		List<RunStore.Failure> failed = failuresOf(1).getValue();
		assertThat(failed).extracting(RunStore.Failure::runId).containsExactlyInAnyOrder(1L, 2L);
		assertThat(failed).filteredOn((f) -> f.runId() == 1).singleElement()
			.extracting(RunStore.Failure::message).asString()
			.startsWith("skipped by the job's misfire policy (skip): every candidate worker was busy for 0.35 s "
					+ "after the slot (back-pressure): w-a (http://a:8083) all 16 run slots of this worker are busy");
		assertThat(failed).filteredOn((f) -> f.runId() == 2).singleElement()
			.extracting(RunStore.Failure::message).asString()
			.startsWith("missed by the job's misfire policy (fire_once: its next slot is the catch-up): every "
					+ "candidate worker was busy");
		// Offered again while the hold lasted (every 100 ms), not once per worker and millisecond.
		then(this.calls).should(atLeast(4)).runBatch(any(), any());
		then(this.calls).should(atMost(12)).runBatch(any(), any());
		then(this.retries).should(never()).scheduleRetry(anyLong(), anyLong());
	}

	@Test
	void heldRunsGoBackForRecoveryWhenThisMasterStopsLeading() {
		given(this.calls.runBatch(any(), any())).willAnswer((invocation) -> {
			// Deposed while the run waits for room.
			given(this.shares.holds(anyLong(), eq(EPOCH))).willReturn(false);
			return allBusy(invocation.getArgument(1));
		});

		this.dispatcher.dispatchAll(List.of(run(1)));

		then(this.runs).should(timeout(3000)).returnToClaimed(1L, EPOCH);
		then(this.runs).should(never()).finishAllWithError(any(), anyLong());
	}

	@SuppressWarnings("unchecked")
	private ArgumentCaptor<List<RunStore.Failure>> failuresOf(int calls) {
		ArgumentCaptor<List<RunStore.Failure>> captor = ArgumentCaptor.forClass(List.class);
		then(this.runs).should(timeout(2000).times(calls)).finishAllWithError(captor.capture(), anyLong());
		return captor;
	}

	@SuppressWarnings("unchecked")
	private ArgumentCaptor<List<RunRequest>> batchesSentTo(WorkerInstance worker, int count) {
		ArgumentCaptor<List<RunRequest>> captor = ArgumentCaptor.forClass(List.class);
		then(this.calls).should(timeout(2000).times(count)).runBatch(eq(worker), captor.capture());
		return captor;
	}

	private static WorkerCalls.BatchCall allAccepted(List<RunRequest> requests) {
		List<RunVerdict> verdicts = new ArrayList<>();
		requests.forEach((request) -> verdicts.add(new RunVerdict(request.runId(), Verdict.ACCEPTED, null)));
		return new WorkerCalls.BatchCall(verdicts, null);
	}

	private static WorkerCalls.BatchCall allBusy(List<RunRequest> requests) {
		return new WorkerCalls.BatchCall(requests.stream()
			.map((r) -> new RunVerdict(r.runId(), Verdict.AT_CAPACITY, "all 16 run slots of this worker are busy"))
			.toList(), null);
	}

	private static ClaimedRun run(long id) {
		return run(id, "fire_once");
	}

	private static ClaimedRun run(long id, String misfire) {
		JobSpec job = new JobSpec(id, "uuid-" + id, "job-" + id, null, null, null, "* * * * * ?", "UTC", JobType.HTTP,
				"http://127.0.0.1:9/hit", Map.of(), 0, 1, 1000, "failover", misfire, "allow", "u");
		return new ClaimedRun(id, EPOCH, System.currentTimeMillis(), "cron", 1, job);
	}

	private static WorkerInstance worker(String id) {
		return new WorkerInstance(id, "worker-agent", URI.create("http://" + id + ":8083"), "10.0.0.1", "w-" + id, null);
	}

}
