package io.cronhive.worker.run;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeRingTests {

	@TempDir
	Path dir;

	@Test
	void anOutcomeRecordedBeforeTheProcessDiedIsThereAfterTheRestart() throws Exception {
		Path file = this.dir.resolve("state/outcomes.ring");
		OutcomeRing ring = new OutcomeRing(file);
		ring.record(41, RunStatus.DONE, RunOutcome.OK, 200, 1000, 1012);
		ring.record(42, RunStatus.ERROR, RunOutcome.FAILED, 503, 1000, 1030);
		// No close, no flush, no fsync: what the kernel's page cache holds is what a killed process leaves.

		OutcomeRing restarted = new OutcomeRing(file);

		assertThat(restarted.recorded(41)).contains(new OutcomeRing.Recorded(RunStatus.DONE, RunOutcome.OK, 200, 1000, 1012));
		assertThat(restarted.recorded(42)).contains(new OutcomeRing.Recorded(RunStatus.ERROR, RunOutcome.FAILED, 503, 1000, 1030));
		assertThat(restarted.recorded(43)).isEmpty();
		ring.close();
		restarted.close();
	}

	@Test
	void aRecordTornByTheKillIsIgnored() throws Exception {
		Path file = this.dir.resolve("outcomes.ring");
		try (OutcomeRing ring = new OutcomeRing(file)) {
			ring.record(7, RunStatus.DONE, RunOutcome.OK, 0, 1, 2);
		}
		// The kill came between the fields and the check: the end time is newer than what the check covers.
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.allocate(8).putLong(0, 99), 16);
		}

		try (OutcomeRing restarted = new OutcomeRing(file)) {
			assertThat(restarted.recorded(7)).isEmpty();
		}
	}

	@Test
	void theRingKeepsTheLatestOutcomesWhenItWrapsAround() throws Exception {
		Path file = this.dir.resolve("outcomes.ring");
		try (OutcomeRing ring = new OutcomeRing(file)) {
			for (long runId = 1; runId <= OutcomeRing.SLOTS + 10; runId++) {
				ring.record(runId, RunStatus.DONE, RunOutcome.OK, 0, runId, runId + 1);
			}
		}

		try (OutcomeRing restarted = new OutcomeRing(file)) {
			assertThat(restarted.recorded(5)).isEmpty();
			assertThat(restarted.recorded(OutcomeRing.SLOTS + 10)).isPresent();
			assertThat(restarted.recorded(11)).isPresent();
		}
	}

}
