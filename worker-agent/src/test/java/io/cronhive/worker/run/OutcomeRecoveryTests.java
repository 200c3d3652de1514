package io.cronhive.worker.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.worker.AgentProcess;
import io.cronhive.worker.AgentTestSupport;
import io.cronhive.worker.FakeMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent killed after a run ended and before the run's report reached the spool (which gathers a burst's
 * reports for up to 150 ms): the restarted agent reports the outcome the run really had, not "unknown".
 */
class OutcomeRecoveryTests {

	@TempDir
	Path dir;

	@Test
	void aRunThatEndedJustBeforeTheCrashIsReportedWithItsRealOutcome() throws Exception {
		Path data = this.dir.resolve("data");
		Path state = data.resolve("state");
		Files.createDirectories(state);
		// What the killed agent left: runs 77 and 78 accepted, neither report spooled, 77's outcome recorded.
		Files.writeString(state.resolve("runs.journal"), "C cluster-a\nE 5\nA 77 5 1000\nA 78 5 1000\n");
		try (OutcomeRing ring = new OutcomeRing(state.resolve("outcomes.ring"))) {
			ring.record(77, RunStatus.DONE, RunOutcome.OK, 200, 1500, 1512);
		}

		try (FakeMaster master = new FakeMaster(AgentTestSupport.SECRET);
				AgentProcess agent = AgentProcess.start(data, master.uri(), this.dir.resolve("agent.log"))) {
			await().atMost(Duration.ofSeconds(60)).until(() -> master.report(77) != null && master.report(78) != null);

			RunReport ended = master.report(77);
			assertThat(ended.status()).isEqualTo(RunStatus.DONE);
			assertThat(ended.outcome()).isEqualTo(RunOutcome.OK);
			assertThat(ended.exitCode()).isEqualTo(200);
			assertThat(ended.endedAtMs()).isEqualTo(1512);
			assertThat(ended.message()).contains("outcome was recovered");
			RunReport interrupted = master.report(78);
			assertThat(interrupted.status()).isEqualTo(RunStatus.UNKNOWN);
		}
	}

}
