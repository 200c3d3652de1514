package io.cronhive.worker.run;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunBatch;
import io.cronhive.common.dispatch.RunBatchAcceptance;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.common.dispatch.RunVerdict.Verdict;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.AgentTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The batch dispatch path and runs handed over ahead of their instant, against a running agent. */
class RunBatchTests extends AgentTestSupport {

	@Test
	void everyRunOfABatchGetsItsOwnVerdictAndTheAcceptedOnesRunOnce() throws Exception {
		long first = nextRunId();
		long second = nextRunId();
		long known = nextRunId();
		start(request(known, JobType.SHELL, "echo earlier"));
		awaitReport(known);
		RunRequest invalid = new RunRequest("cluster-a", nextRunId(), EPOCH, "job", "no target", JobType.SHELL, null,
				Map.of(), 0, System.currentTimeMillis(), 1);

		RunBatchAcceptance answer = sendBatch(request(first, JobType.SHELL, "echo one >> " + mark("batch-" + first)),
				request(known, JobType.SHELL, "echo again >> " + mark("batch-" + known)), invalid,
				request(second, JobType.SHELL, "echo two"));

		assertThat(answer.workerName()).isEqualTo("test-worker");
		assertThat(answer.verdicts()).extracting(RunVerdict::verdict)
			.containsExactly(Verdict.ACCEPTED, Verdict.ALREADY_KNOWN, Verdict.INVALID, Verdict.ACCEPTED);
		assertThat(answer.verdicts().get(2).detail()).isEqualTo("target is missing or invalid");
		assertThat(awaitReport(first).outcome()).isEqualTo(RunOutcome.OK);
		assertThat(awaitReport(second).output()).isEqualTo("two\n");
		assertThat(Files.readString(Path.of(mark("batch-" + first)))).isEqualTo("one\n");
		assertThat(Path.of(mark("batch-" + known))).doesNotExist();
	}

	@Autowired
	RunService runService;

	@Test
	void runsBeyondTheProcessSlotsAreRefusedOneByOneNotAsABatch() {
		// The agent under test has 4 process slots; runs of earlier tests must have given theirs back.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.runService.activeCount() == 0);
		List<RunRequest> runs = java.util.stream.IntStream.range(0, 6)
			.mapToObj((i) -> request(nextRunId(), JobType.SHELL, "sleep 1"))
			.toList();

		RunBatchAcceptance answer = sendBatch(runs.toArray(RunRequest[]::new));

		assertThat(answer.verdicts()).extracting(RunVerdict::verdict)
			.containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.ACCEPTED,
					Verdict.AT_CAPACITY, Verdict.AT_CAPACITY);
		runs.subList(0, 4).forEach((run) -> awaitReport(run.runId()));
	}

	@Test
	void aRunHandedOverAheadStartsAtItsInstantNotOnReceipt() {
		long runId = nextRunId();
		long instant = System.currentTimeMillis() + 800;

		RunBatchAcceptance answer = sendBatch(atInstant(request(runId, JobType.SHELL, "echo on time"), instant));

		assertThat(answer.verdicts()).extracting(RunVerdict::verdict).containsExactly(Verdict.ACCEPTED);
		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.startedAtMs()).isGreaterThanOrEqualTo(instant).isLessThan(instant + 1000);
	}

	@Test
	void aRunKilledWhileHeldForItsInstantNeverStarts() {
		long runId = nextRunId();
		String trace = mark("held-" + runId);
		sendBatch(atInstant(request(runId, JobType.SHELL, "touch " + trace), System.currentTimeMillis() + 1500));

		HttpResponse<String> kill = client().post(WorkerPaths.KILL.replace("{runId}", Long.toString(runId)),
				client().json(new KillRequest(CLUSTER, runId, "stopped by test")));

		assertThat(kill.statusCode()).isEqualTo(202);
		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.message()).isEqualTo("killed before it started: stopped by test");
		assertThat(Path.of(trace)).doesNotExist();
	}

	@Test
	void anEmptyBatchIsABadRequestNamingTheField() {
		HttpResponse<String> response = client().post(WorkerPaths.RUN_BATCHES, client().json(new RunBatch(List.of())));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"runs\"");
	}

	private RunBatchAcceptance sendBatch(RunRequest... runs) {
		HttpResponse<String> response = client().post(WorkerPaths.RUN_BATCHES, client().json(new RunBatch(List.of(runs))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return client().read(response.body(), RunBatchAcceptance.class);
	}

	private static RunRequest atInstant(RunRequest run, long instantMs) {
		return new RunRequest(run.clusterId(), run.runId(), run.epoch(), run.jobId(), run.jobName(), run.type(),
				run.target(), run.parameters(), run.timeoutMs(), instantMs, run.attempt());
	}

}
