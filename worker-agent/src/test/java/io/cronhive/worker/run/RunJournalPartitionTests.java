package io.cronhive.worker.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.cronhive.worker.run.RunJournalTests.LEGACY;
import static org.assertj.core.api.Assertions.assertThat;

/** The highest epoch of each partition in the journal: kept apart, durable, and read from older journals. */
class RunJournalPartitionTests {

	@TempDir
	Path dataDir;

	Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void eachPartitionHasAHighestEpochOfItsOwnApartFromTheMastersOfBeforePartitions() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(1, 40, 3);
			journal.accepted(2, 12, 7);
			journal.accepted(3, 5, LEGACY);

			assertThat(journal.highestEpoch(3)).isEqualTo(40);
			assertThat(journal.highestEpoch(7)).isEqualTo(12);
			assertThat(journal.highestEpoch(LEGACY)).isEqualTo(5);
			assertThat(journal.highestEpoch(8)).isZero();
		}
	}

	@Test
	void theHighestEpochOfEachPartitionSurvivesARestartAndACompaction() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(1, 40, 3);
			journal.accepted(2, 38, 3);
			journal.accepted(3, 12, 127);
			journal.accepted(4, 5, LEGACY);
			for (long id = 1; id <= 4; id++) {
				journal.finished(id);
			}
		}

		// The first reopen reads the appended lines (and compacts); the second reads the compacted file.
		for (int life = 1; life <= 2; life++) {
			try (RunJournal reopened = open()) {
				assertThat(reopened.highestEpoch(3)).isEqualTo(40);
				assertThat(reopened.highestEpoch(127)).isEqualTo(12);
				assertThat(reopened.highestEpoch(0)).isZero();
				assertThat(reopened.highestEpoch(LEGACY)).isEqualTo(5);
			}
		}
		assertThat(Files.readAllLines(journalFile())).contains("E 5", "E 40 3", "E 12 127").doesNotContain("E 0 0");
	}

	@Test
	void anUnfinishedRunKeepsItsPartitionThroughACompaction() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(1, 5, LEGACY);
			journal.finished(1);
			journal.accepted(2, 40, 3);
		}

		for (int life = 1; life <= 2; life++) {
			try (RunJournal reopened = open()) {
				assertThat(reopened.highestEpoch(LEGACY)).as("not raised by the partition's run").isEqualTo(5);
				assertThat(reopened.highestEpoch(3)).isEqualTo(40);
				assertThat(reopened.interrupted())
					.containsExactly(new RunJournal.Interrupted(2, 40, 3, this.clock.millis(), 0));
			}
		}
		assertThat(Files.readAllLines(journalFile())).contains("A 2 40 " + this.clock.millis() + " 3");
	}

	@Test
	void aJournalFromBeforePartitionsLoadsWithItsEpochsAsThoseOfTheMastersOfBeforePartitions() throws Exception {
		Files.createDirectories(journalFile().getParent());
		long at = this.clock.millis();
		Files.writeString(journalFile(), "C cluster-a\nE 30\nA 5 31 " + at + "\nF 5\nA 6 29 " + at + "\n");

		try (RunJournal journal = open()) {
			assertThat(journal.clusterId()).isEqualTo("cluster-a");
			assertThat(journal.knows(5)).isTrue();
			assertThat(journal.highestEpoch(LEGACY)).isEqualTo(31);
			assertThat(journal.highestEpoch(0)).isZero();
			assertThat(journal.interrupted()).containsExactly(new RunJournal.Interrupted(6, 29, LEGACY, at, 0));
		}
	}

	@Test
	void aClusterSwitchForgetsThePartitionsEpochsAndStaysSoAfterARestart() throws Exception {
		try (RunJournal journal = open()) {
			journal.awaitDurable(journal.serveCluster("cluster-a"));
			journal.accepted(1, 40, 3);
			journal.finished(1);
			journal.awaitDurable(journal.serveCluster("cluster-b"));
			assertThat(journal.highestEpoch(3)).isZero();
			journal.accepted(2, 2, 4);
			journal.finished(2);
		}

		for (int life = 1; life <= 2; life++) {
			try (RunJournal reopened = open()) {
				assertThat(reopened.clusterId()).isEqualTo("cluster-b");
				assertThat(reopened.highestEpoch(3)).isZero();
				assertThat(reopened.highestEpoch(4)).isEqualTo(2);
			}
		}
	}

	@Test
	void aTornLastLineIsIgnoredEvenWhenWhatIsLeftOfItParses() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(1, 3, 1);
			journal.finished(1);
		}
		// "A 2 90 <ms> 12" cut after its partition's first digit: it would raise partition 1.
		Files.writeString(journalFile(), "A 2 90 " + this.clock.millis() + " 1", StandardOpenOption.APPEND);

		try (RunJournal reopened = open()) {
			assertThat(reopened.knows(1)).isTrue();
			assertThat(reopened.knows(2)).isFalse();
			assertThat(reopened.highestEpoch(1)).isEqualTo(3);
			assertThat(reopened.highestEpoch(12)).isZero();
		}
	}

	@Test
	void aLineOfAPartitionOutOfRangeIsIgnored() throws Exception {
		Files.createDirectories(journalFile().getParent());
		Files.writeString(journalFile(), "E 4\nE 50 128\nA 7 60 " + this.clock.millis() + " -1\n");

		try (RunJournal journal = open()) {
			assertThat(journal.highestEpoch(LEGACY)).isEqualTo(4);
			assertThat(journal.knows(7)).isFalse();
			assertThat(journal.interrupted()).isEmpty();
		}
	}

	private Path journalFile() {
		return this.dataDir.resolve("state/runs.journal");
	}

	private RunJournal open() throws Exception {
		return RunJournalTests.open(this.dataDir, this.clock);
	}

}
