package io.cronhive.worker;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent as a real process: results survive kill -9, SIGTERM drains before exiting, and a switch to another
 * cluster survives a restart.
 */
class AgentRestartTests {

	@TempDir
	Path dir;

	FakeMaster master;

	@BeforeEach
	void startMaster() throws Exception {
		this.master = new FakeMaster(AgentTestSupport.SECRET);
	}

	@AfterEach
	void stopMaster() {
		this.master.close();
	}

	@Test
	void resultsSurviveKillDashNineAndAreDeliveredAfterRestart() throws Exception {
		Path data = this.dir.resolve("data");
		this.master.answer(503);
		RunRequest finished = request(1, "echo before the crash");
		RunRequest interrupted = request(2, "sleep 600." + ProcessHandle.current().pid());
		try (AgentProcess agent = AgentProcess.start(data, this.master.uri(), this.dir.resolve("agent1.log"))) {
			assertThat(agent.client().dispatch(finished).statusCode()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(20)).until(() -> !spoolFiles(data).isEmpty());
			assertThat(agent.client().dispatch(interrupted).statusCode()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.master.received().contains(1L));

			await().atMost(Duration.ofSeconds(10)).until(() -> !sleepers().isEmpty());
			agent.kill9();
		}
		// No systemd here to reap the cgroup: the run's process survives its agent until the restart.
		assertThat(sleepers()).isNotEmpty();
		assertThat(this.master.report(1)).isNull();
		this.master.answer(200);

		try (AgentProcess restarted = AgentProcess.start(data, this.master.uri(), this.dir.resolve("agent2.log"))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.master.report(1) != null && this.master.report(2) != null);
			RunReport report = this.master.report(1);
			assertThat(report.status()).isEqualTo(RunStatus.DONE);
			assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
			assertThat(report.output()).isEqualTo("before the crash\n");
			RunReport lost = this.master.report(2);
			// It may have done its work before the crash: unknown, which no retry repeats unless the job allows.
			assertThat(lost.status()).isEqualTo(RunStatus.UNKNOWN);
			assertThat(lost.message()).contains("stopped unexpectedly", "leftover process(es) were killed");
			assertThat(sleepers()).as("the interrupted run's process outlived the agent").isEmpty();

			var repeat = restarted.client().dispatch(finished);
			assertThat(repeat.statusCode()).isEqualTo(200);
			assertThat(restarted.client().read(repeat.body(), RunAcceptance.class).accepted()).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles(data).isEmpty());
		}
		finally {
			new ProcessBuilder("pkill", "-KILL", "-f", "sleep 600." + ProcessHandle.current().pid()).start().waitFor();
		}
	}

	@Test
	void sigtermLetsShortRunsFinishAndReportsLongOnesAsKilled() throws Exception {
		Path data = this.dir.resolve("data");
		try (AgentProcess agent = AgentProcess.start(data, this.master.uri(), this.dir.resolve("agent.log"),
				"--cronhive.worker.shutdown-grace=4s")) {
			assertThat(agent.client().dispatch(request(31, "sleep 1; echo finished in time")).statusCode()).isEqualTo(202);
			assertThat(agent.client().dispatch(request(32, "echo long; sleep 600")).statusCode()).isEqualTo(202);

			int exit = agent.terminate(Duration.ofSeconds(30));

			assertThat(exit).isIn(0, 143);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.master.report(31) != null && this.master.report(32) != null);
		assertThat(this.master.report(31).outcome()).isEqualTo(RunOutcome.OK);
		assertThat(this.master.report(31).output()).isEqualTo("finished in time\n");
		assertThat(this.master.report(32).status()).isEqualTo(RunStatus.ERROR);
		assertThat(this.master.report(32).message()).isEqualTo("killed: worker shutting down");
		assertThat(this.master.report(32).output()).isEqualTo("long\n");
	}

	/**
	 * A worker whose masters' database was re-created: the new cluster numbers its runs and epochs from 1
	 * again, which the old journal would take for repeats and a deposed leader.
	 */
	@Test
	void aNewClustersRunsAreTakenOnceTheOldClustersRunsAreDoneWhateverTheirIdsAndEpochs() throws Exception {
		Path data = this.dir.resolve("data");
		Path marks = Files.createDirectories(this.dir.resolve("marks"));
		RunRequest oldRun = clusterRequest("cluster-old", 1, 40, "sleep 2; echo old >> " + marks.resolve("old"));
		RunRequest newRun = clusterRequest("cluster-new", 1, 1, "echo new >> " + marks.resolve("new"));
		try (AgentProcess agent = AgentProcess.start(data, this.master.uri(), this.dir.resolve("agent1.log"))) {
			assertThat(agent.client().dispatch(oldRun).statusCode()).isEqualTo(202);

			HttpResponse<String> whileBusy = agent.client().dispatch(newRun);
			assertThat(whileBusy.statusCode()).as(whileBusy.body()).isEqualTo(421);
			assertThat(whileBusy.body()).contains("other-cluster", "\"field\":\"clusterId\"", "cluster-old");
			HttpResponse<String> kill = agent.client().post("/internal/runs/1/kill",
					agent.client().json(new KillRequest("cluster-new", 1, "replaced")));
			assertThat(kill.statusCode()).as("the new cluster's run 1 is not the old cluster's").isEqualTo(404);

			await().atMost(Duration.ofSeconds(20)).until(() -> this.master.report("cluster-old", 1) != null);
			assertThat(this.master.report("cluster-old", 1).outcome()).isEqualTo(RunOutcome.OK);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.client().dispatch(newRun).statusCode() != 421);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.master.report("cluster-new", 1) != null);
			assertThat(this.master.report("cluster-new", 1).outcome()).isEqualTo(RunOutcome.OK);
			assertThat(agent.terminate(Duration.ofSeconds(30))).isIn(0, 143);
		}
		assertThat(Files.readAllLines(marks.resolve("old"))).containsExactly("old");
		assertThat(Files.readAllLines(marks.resolve("new"))).containsExactly("new");

		try (AgentProcess restarted = AgentProcess.start(data, this.master.uri(), this.dir.resolve("agent2.log"))) {
			HttpResponse<String> repeat = restarted.client().dispatch(newRun);
			assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
			assertThat(restarted.client().read(repeat.body(), RunAcceptance.class).accepted()).isFalse();
			HttpResponse<String> deposed = restarted.client().dispatch(clusterRequest("cluster-new", 2, 0, "true"));
			assertThat(deposed.statusCode()).as("the new cluster's epoch is fenced as usual").isEqualTo(409);
		}
		assertThat(Files.readAllLines(marks.resolve("new"))).containsExactly("new");
	}

	private static java.util.List<Path> spoolFiles(Path data) throws Exception {
		Path spool = data.resolve("spool");
		if (!Files.isDirectory(spool)) {
			return java.util.List.of();
		}
		try (var files = Files.list(spool)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".json")).toList();
		}
	}

	private static java.util.List<String> sleepers() throws Exception {
		Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 600." + ProcessHandle.current().pid()).start();
		String out = new String(pgrep.getInputStream().readAllBytes()).trim();
		pgrep.waitFor();
		return out.isEmpty() ? java.util.List.of() : java.util.List.of(out.split("\n"));
	}

	private static RunRequest request(long runId, String script) {
		return new RunRequest("cluster-a", runId, 5, "job-" + runId, "restart test", JobType.SHELL, script, null, 0,
				System.currentTimeMillis(), 1);
	}

	private static RunRequest clusterRequest(String clusterId, long runId, long epoch, String script) {
		return new RunRequest(clusterId, runId, epoch, "job-" + runId, "cluster switch test", JobType.SHELL, script,
				null, 0, System.currentTimeMillis(), 1);
	}

}
