package io.cronhive.worker;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose masters' database was re-created: the new cluster numbers its runs and epochs from 1 again,
 * which the old journal would take for repeats and a deposed leader. The agent runs as a real process here,
 * so the switch is also seen to survive a restart.
 */
class ClusterSwitchTests {

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
	void aNewClustersRunsAreTakenOnceTheOldClustersRunsAreDoneWhateverTheirIdsAndEpochs() throws Exception {
		Path data = this.dir.resolve("data");
		Path marks = Files.createDirectories(this.dir.resolve("marks"));
		RunRequest oldRun = request("cluster-old", 1, 40, "sleep 2; echo old >> " + marks.resolve("old"));
		RunRequest newRun = request("cluster-new", 1, 1, "echo new >> " + marks.resolve("new"));
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
			HttpResponse<String> deposed = restarted.client().dispatch(request("cluster-new", 2, 0, "true"));
			assertThat(deposed.statusCode()).as("the new cluster's epoch is fenced as usual").isEqualTo(409);
		}
		assertThat(Files.readAllLines(marks.resolve("new"))).containsExactly("new");
	}

	private static RunRequest request(String clusterId, long runId, long epoch, String script) {
		return new RunRequest(clusterId, runId, epoch, "job-" + runId, "cluster switch test", JobType.SHELL, script,
				null, 0, System.currentTimeMillis(), 1);
	}

}
