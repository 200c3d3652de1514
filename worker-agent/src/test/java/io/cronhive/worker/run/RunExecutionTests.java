package io.cronhive.worker.run;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunParent;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.AgentTestSupport;
import io.cronhive.worker.process.Toolchain;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunExecutionTests extends AgentTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void shellScriptRunsWithBashAndIsReportedDoneOkWithItsOutput() {
		long runId = nextRunId();
		HttpResponse<String> response = start(request(runId, JobType.SHELL, "echo hello from $0\necho to stderr >&2\n"));

		RunAcceptance acceptance = client().read(response.body(), RunAcceptance.class);
		assertThat(acceptance).isEqualTo(new RunAcceptance(runId, true, "test-worker", "127.0.0.1"));
		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.DONE);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.exitCode()).isZero();
		assertThat(report.output()).isEqualTo("hello from script.sh\nto stderr\n");
		assertThat(report.workerName()).isEqualTo("test-worker");
		assertThat(report.epoch()).isEqualTo(EPOCH);
		assertThat(report.message()).isNull();
	}

	@Test
	void nonZeroExitIsReportedDoneFailedWithTheExitCode() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "echo failing; exit 3"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.DONE);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.exitCode()).isEqualTo(3);
		assertThat(report.message()).isEqualTo("exit code 3");
	}

	@Test
	void parametersArriveAsEnvironmentVariablesButTheClusterSecretDoesNot() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL,
				"echo \"$GREETING $CRONHIVE_RUN_ID secret=${CRONHIVE_CLUSTER_SECRET:-none}\"; pwd",
				Map.of("GREETING", "hi there"), 0));

		RunReport report = awaitReport(runId);
		assertThat(report.output()).startsWith("hi there " + runId + " secret=none\n");
		assertThat(report.output()).contains(dataDir.resolve("work").resolve(Long.toString(runId)).toString());
	}

	@Test
	void dependentRunGetsItsParentRunInTheEnvironment() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL,
				"echo \"$CRONHIVE_PARENT_RUN_ID $CRONHIVE_PARENT_JOB_ID $CRONHIVE_PARENT_STATUS\"")
			.withParent(new RunParent(41, "parent-uuid", "failure")));

		assertThat(awaitReport(runId).output()).isEqualTo("41 parent-uuid failure\n");
	}

	@Test
	void runWithoutParentHasNoParentVariables() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "echo \"[${CRONHIVE_PARENT_RUN_ID:-none}]\""));

		assertThat(awaitReport(runId).output()).isEqualTo("[none]\n");
	}

	@Test
	void workDirectoryIsRemovedAfterTheRun() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "touch scratch.txt"));

		awaitReport(runId);
		assertThat(dataDir.resolve("work").resolve(Long.toString(runId))).doesNotExist();
	}

	@Test
	void pythonSourceRunsWithPython3() {
		long runId = nextRunId();
		start(request(runId, JobType.PYTHON, "import os, sys\nprint('py', sys.version_info[0], os.environ['X'])\n",
				Map.of("X", "42"), 0));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.output()).isEqualTo("py 3 42\n");
	}

	@Test
	void pythonExceptionIsAFailedRunWithTheTraceback() {
		long runId = nextRunId();
		start(request(runId, JobType.PYTHON, "raise ValueError('boom')\n"));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.exitCode()).isEqualTo(1);
		assertThat(report.output()).contains("ValueError: boom");
	}

	@Test
	void commandRunsWithoutAShellKeepingQuotedArgumentsLiteral() {
		long runId = nextRunId();
		start(request(runId, JobType.COMMAND, "printf '%s|%s|%s\\n' \"a b\" '$HOME' semi;colon"));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.output()).isEqualTo("a b|$HOME|semi;colon\n");
	}

	@Test
	void missingCommandIsAnErrorThatSaysSo() {
		long runId = nextRunId();
		start(request(runId, JobType.COMMAND, "no-such-program-xyz --flag"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.message()).isEqualTo("command 'no-such-program-xyz' not found on this worker (not on PATH)");
	}

	@Test
	void goJobWithoutAGoToolchainIsAnErrorSayingSo() {
		assumeTrue(Toolchain.find("go") == null, "go is installed here; the missing-toolchain case cannot be shown");
		long runId = nextRunId();
		start(request(runId, JobType.GOLANG, "package main\nfunc main() { println(\"hi\") }\n"));

		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.message()).isEqualTo("Go toolchain not found on this worker (go not on PATH)");
	}

	@Test
	void goJobRunsWithGoRunWhereGoIsInstalled() {
		assumeTrue(Toolchain.find("go") != null, "go is not installed here");
		long runId = nextRunId();
		start(request(runId, JobType.GOLANG, "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"hi from go\") }\n"));

		RunReport report = awaitReport(runId);
		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		assertThat(report.output()).contains("hi from go");
	}

	@Test
	void outputBeyondTheCapKeepsHeadAndTailAndTheFullLogStaysOnDisk() throws Exception {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "for i in $(seq 1 20000); do echo line$i; done"));

		RunReport report = awaitReport(runId);
		assertThat(report.outputTruncated()).isTrue();
		assertThat(report.output()).startsWith("line1\nline2\n").endsWith("line19999\nline20000\n");
		assertThat(report.output()).contains("bytes omitted");
		assertThat(report.output().length()).isLessThan(4096 + 200);
		Path log = dataDir.resolve("logs").resolve(runId + ".log");
		assertThat(Files.readAllLines(log)).hasSize(20000).endsWith("line20000");
	}

	@Test
	void duplicateRunIdIsAcknowledgedButNotRunTwice() throws Exception {
		long runId = nextRunId();
		var request = request(runId, JobType.SHELL, "echo ran >> " + mark("duplicate-" + runId));
		start(request);

		HttpResponse<String> repeat = client().dispatch(request);
		assertThat(repeat.statusCode()).isEqualTo(200);
		assertThat(client().read(repeat.body(), RunAcceptance.class).accepted()).isFalse();
		awaitReport(runId);
		HttpResponse<String> afterwards = client().dispatch(request);
		assertThat(afterwards.statusCode()).isEqualTo(200);
		assertThat(Files.readAllLines(Path.of(mark("duplicate-" + runId)))).containsExactly("ran");
	}

	@Test
	void lowerEpochThanTheHighestSeenIsRefusedWithConflict() {
		start(request(nextRunId(), JobType.SHELL, "true"));
		var deposed = request(nextRunId(), JobType.SHELL, "echo ran >> " + mark("deposed"));
		deposed = new io.cronhive.common.dispatch.RunRequest(CLUSTER, deposed.runId(), EPOCH - 1, deposed.jobId(),
				deposed.jobName(), deposed.type(), deposed.target(), deposed.parameters(), 0, 0, 1);

		HttpResponse<String> response = client().dispatch(deposed);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("stale-epoch", "\"field\":\"epoch\"");
		assertThat(Path.of(mark("deposed"))).doesNotExist();
	}

	@Test
	void killOnRequestStopsTheRunAndReportsAnError() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "echo started; sleep 60"));

		HttpResponse<String> kill = client().post("/internal/runs/" + runId + "/kill",
				client().json(new KillRequest(CLUSTER, runId, "operator asked")));

		assertThat(kill.statusCode()).isEqualTo(202);
		RunReport report = awaitReport(runId);
		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.message()).isEqualTo("killed: operator asked");
		assertThat(report.durationMs()).isLessThan(30_000);
	}

	@Test
	void finishedRunsAndDispatchAnswersAreCountedInMetrics() {
		long runId = nextRunId();
		start(request(runId, JobType.SHELL, "exit 4"));
		awaitReport(runId);

		assertThat(this.meters.get("cronhive.worker.runs").tags("type", "shell", "status", "done", "result", "failed")
			.timer()
			.count()).isPositive();
		assertThat(this.meters.get("cronhive.worker.dispatches").tag("answer", "accepted").counter().count()).isPositive();
		assertThat(this.meters.get("cronhive.worker.spool.reports").gauge().value()).isNotNegative();
	}

	@Test
	void killOfARunThatIsNotRunningIsNotFound() {
		HttpResponse<String> kill = client().post("/internal/runs/987654/kill", client().json(new KillRequest(CLUSTER,
				987654, "x")));

		assertThat(kill.statusCode()).isEqualTo(404);
		assertThat(kill.body()).contains("run-not-running");
	}

}
