package io.cronhive.worker.run;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunOutputChunk;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.JobType;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.AgentTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessControlTests extends AgentTestSupport {

	@Test
	void timeoutKillsTheWholeProcessTreeIncludingOrphanedGrandchildren() throws Exception {
		long runId = nextRunId();
		String marker = "301." + runId;
		// The grandchild is orphaned (its parent subshell exits at once) and ignores SIGTERM: only a session-wide
		// SIGKILL can end it.
		String script = "( trap '' TERM; exec sleep " + marker + " ) &\n"
				+ "bash -c 'trap \"\" TERM; sleep " + marker + "' &\n"
				+ "echo started\nsleep " + marker + "\n";
		start(request(runId, JobType.SHELL, script, Map.of(), 1500));

		await().atMost(Duration.ofSeconds(10)).until(() -> pgrep(marker).size() >= 3);
		RunReport report = awaitReport(runId);

		assertThat(report.status()).isEqualTo(RunStatus.ERROR);
		assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(report.message()).isEqualTo("timed out after 1500 ms; the run's processes were killed");
		assertThat(report.output()).isEqualTo("started\n");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pgrep(marker)).isEmpty());
	}

	@Test
	void processesLeftBehindByAFinishedRunAreKilled() throws Exception {
		long runId = nextRunId();
		String marker = "302." + runId;
		start(request(runId, JobType.SHELL, "nohup sleep " + marker + " >/dev/null 2>&1 &\necho done\n"));

		RunReport report = awaitReport(runId);

		assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pgrep(marker)).isEmpty());
	}

	@Test
	void runsBeyondTheConcurrencyLimitAreRefusedWith429() {
		List<Long> accepted = new ArrayList<>();
		HttpResponse<String> refused = null;
		for (int i = 0; i < 6 && refused == null; i++) {
			long runId = nextRunId();
			HttpResponse<String> response = client().dispatch(request(runId, JobType.SHELL, "sleep 30"));
			if (response.statusCode() == 202) {
				accepted.add(runId);
			}
			else {
				refused = response;
			}
		}
		try {
			assertThat(refused).isNotNull();
			assertThat(accepted).hasSizeLessThanOrEqualTo(4);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(refused.body()).contains("at-capacity", "all 4 process run slots");
		}
		finally {
			accepted.forEach(runId -> client().post("/internal/runs/" + runId + "/kill",
					client().json(new KillRequest(CLUSTER, runId, "test over"))));
			accepted.forEach(AgentTestSupport::awaitReport);
		}
	}

	@Test
	void outputOfARunningRunCanBeTailedFromAnOffset() throws Exception {
		long runId = nextRunId();
		Path gate = Path.of(mark("gate-" + runId));
		start(request(runId, JobType.SHELL,
				"echo first\nwhile [ ! -f " + gate + " ]; do sleep 0.05; done\necho second\n"));

		RunOutputChunk running = await().atMost(Duration.ofSeconds(10))
			.until(() -> output(runId, 0), chunk -> chunk != null && chunk.data().equals("first\n"));
		assertThat(running.finished()).isFalse();
		assertThat(running.nextOffset()).isEqualTo(6);
		Files.createFile(gate);
		awaitReport(runId);

		RunOutputChunk rest = output(runId, running.nextOffset());
		assertThat(rest.data()).isEqualTo("second\n");
		assertThat(rest.offset()).isEqualTo(6);
		assertThat(rest.nextOffset()).isEqualTo(13);
		assertThat(rest.finished()).isTrue();
	}

	private RunOutputChunk output(long runId, long offset) {
		HttpResponse<String> response = client().get("/internal/runs/" + runId + "/output?offset=" + offset);
		return (response.statusCode() == 200) ? client().read(response.body(), RunOutputChunk.class) : null;
	}

	/** Live (non-zombie) processes whose command line contains the marker. */
	static List<Long> pgrep(String marker) throws IOException, InterruptedException {
		Process pgrep = new ProcessBuilder("pgrep", "-f", marker).redirectErrorStream(true).start();
		List<Long> pids = new ArrayList<>();
		for (String line : new String(pgrep.getInputStream().readAllBytes()).split("\n")) {
			if (!line.isBlank()) {
				long pid = Long.parseLong(line.trim());
				if (alive(pid)) {
					pids.add(pid);
				}
			}
		}
		pgrep.waitFor();
		return pids;
	}

	private static boolean alive(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
