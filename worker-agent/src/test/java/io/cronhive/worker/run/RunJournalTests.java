package io.cronhive.worker.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.cronhive.worker.config.WorkerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RunJournalTests {

	/** The partition of a master of before partitions: none. */
	static final Integer LEGACY = null;

	@TempDir
	Path dataDir;

	Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void acceptedRunIdsAndTheHighestEpochSurviveARestart() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(11, 4, LEGACY);
			journal.accepted(12, 6, LEGACY);
			journal.finished(11);
			journal.finished(12);
		}

		try (RunJournal reopened = open()) {
			assertThat(reopened.knows(11)).isTrue();
			assertThat(reopened.knows(12)).isTrue();
			assertThat(reopened.knows(13)).isFalse();
			assertThat(reopened.highestEpoch(LEGACY)).isEqualTo(6);
			assertThat(reopened.interrupted()).isEmpty();
		}
	}

	@Test
	void runsAcceptedButNeverFinishedAreNamedAfterARestart() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(21, 2, LEGACY);
			journal.accepted(22, 2, LEGACY);
			journal.finished(21);
		}

		try (RunJournal reopened = open()) {
			assertThat(reopened.interrupted()).containsExactly(new RunJournal.Interrupted(22, 2, LEGACY, this.clock.millis(), 0));
		}
	}

	@Test
	void pidOfAnInterruptedRunIsKeptSoItsProcessesCanBeKilled() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(25, 3, LEGACY);
			journal.started(25, 4242);
		}

		try (RunJournal reopened = open()) {
			assertThat(reopened.interrupted()).containsExactly(new RunJournal.Interrupted(25, 3, LEGACY, this.clock.millis(), 4242));
		}
	}

	@Test
	void runIdsOlderThanTheRetentionAreForgottenButTheEpochIsNot() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(31, 9, LEGACY);
			journal.finished(31);
		}
		this.clock = Clock.offset(this.clock, Duration.ofDays(2));

		try (RunJournal later = open()) {
			assertThat(later.knows(31)).isFalse();
			assertThat(later.highestEpoch(LEGACY)).isEqualTo(9);
		}
	}

	@Test
	void tornLastLineFromACrashIsIgnored() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(41, 1, LEGACY);
			journal.finished(41);
		}
		Files.writeString(this.dataDir.resolve("state/runs.journal"), "A 42 1", java.nio.file.StandardOpenOption.APPEND);

		try (RunJournal reopened = open()) {
			assertThat(reopened.knows(41)).isTrue();
			assertThat(reopened.knows(42)).isFalse();
		}
	}

	@Test
	void finishedMarksGoOutWithTheNextAcceptanceOrInBatchesAndACrashLosesAtMostTheUnwrittenOnes() throws Exception {
		RunJournal crashed = open();
		for (long id = 1; id <= RunJournal.FINISHED_BATCH + 2; id++) {
			crashed.accepted(id, 1, LEGACY);
		}
		// The first batch of marks is written when it fills; of the two left, one rides along with an acceptance.
		for (long id = 1; id <= RunJournal.FINISHED_BATCH + 1; id++) {
			crashed.finished(id);
		}
		crashed.accepted(1000, 1, LEGACY);
		crashed.finished(RunJournal.FINISHED_BATCH + 2);
		crashed.finished(1000);
		// No close: the process died here, with two marks still in memory.

		try (RunJournal reopened = open()) {
			assertThat(reopened.interrupted()).extracting(RunJournal.Interrupted::runId)
				.containsExactly((long) RunJournal.FINISHED_BATCH + 2, 1000L);
			assertThat(reopened.knows(1)).isTrue();
		}
	}

	@Test
	void aCleanCloseWritesTheFinishedMarksStillInMemory() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(51, 1, LEGACY);
			journal.finished(51);
		}

		try (RunJournal reopened = open()) {
			assertThat(reopened.interrupted()).isEmpty();
		}
	}

	@Test
	void aCompactedJournalKeepsKnownIdsAndUnfinishedRunsWithTheirPids() throws Exception {
		try (RunJournal journal = open()) {
			for (long id = 1; id <= 5000; id++) {
				journal.accepted(id, 3, LEGACY);
				if (id != 4000) {
					journal.finished(id);
				}
			}
			journal.started(4000, 777);
		}
		// Opening compacts: the finished runs become bit blocks, the unfinished one stays an acceptance.
		open().close();

		String compacted = Files.readString(this.dataDir.resolve("state/runs.journal"));
		assertThat(compacted).contains("K 0 ").contains("A 4000 3 ").contains("P 4000 777").doesNotContain("F ");
		try (RunJournal reopened = open()) {
			assertThat(reopened.knows(1)).isTrue();
			assertThat(reopened.knows(5000)).isTrue();
			assertThat(reopened.knows(5001)).isFalse();
			assertThat(reopened.highestEpoch(LEGACY)).isEqualTo(3);
			assertThat(reopened.interrupted()).containsExactly(new RunJournal.Interrupted(4000, 3, LEGACY, this.clock.millis(), 777));
		}
	}

	@Test
	void aJournalFromBeforeClusterIdsKeepsItsIdsAndEpochForTheFirstClusterItServes() throws Exception {
		try (RunJournal journal = open()) {
			journal.accepted(41, 7, LEGACY);
			journal.finished(41);
		}

		try (RunJournal reopened = open()) {
			assertThat(reopened.clusterId()).isNull();
			reopened.awaitDurable(reopened.serveCluster("cluster-a"));
			assertThat(reopened.clusterId()).isEqualTo("cluster-a");
			assertThat(reopened.knows(41)).isTrue();
			assertThat(reopened.highestEpoch(LEGACY)).isEqualTo(7);
		}
	}

	@Test
	void anotherClustersRunIdsAndEpochsStartAfreshAndStaySoAfterARestartAndACompaction() throws Exception {
		try (RunJournal journal = open()) {
			journal.awaitDurable(journal.serveCluster("cluster-a"));
			journal.accepted(51, 9, LEGACY);
			journal.finished(51);
			journal.awaitDurable(journal.serveCluster("cluster-b"));
			assertThat(journal.knows(51)).isFalse();
			assertThat(journal.highestEpoch(LEGACY)).isZero();
			journal.accepted(52, 1, LEGACY);
			journal.finished(52);
		}

		// The first reopen reads the appended lines (and compacts); the second reads the compacted file.
		for (int life = 1; life <= 2; life++) {
			try (RunJournal reopened = open()) {
				assertThat(reopened.clusterId()).isEqualTo("cluster-b");
				assertThat(reopened.knows(51)).isFalse();
				assertThat(reopened.knows(52)).isTrue();
				assertThat(reopened.highestEpoch(LEGACY)).isEqualTo(1);
			}
		}
	}

	@Test
	void theClusterDoesNotChangeWhileARunIsOpen() throws Exception {
		try (RunJournal journal = open()) {
			journal.awaitDurable(journal.serveCluster("cluster-a"));
			journal.accepted(61, 2, LEGACY);

			assertThatIllegalStateException().isThrownBy(() -> journal.serveCluster("cluster-b"));
			assertThat(journal.clusterId()).isEqualTo("cluster-a");
			assertThat(journal.knows(61)).isTrue();
		}
	}

	private RunJournal open() throws Exception {
		return open(this.dataDir, this.clock);
	}

	/** A journal in {@code dataDir}, as an agent opens it at start (loading and compacting what is there). */
	static RunJournal open(Path dataDir, Clock clock) throws Exception {
		WorkerProperties properties = new WorkerProperties("w", "127.0.0.1", "", dataDir, null, null, null, 4, 64, 16, Duration.ofSeconds(5),
				DataSize.ofKilobytes(64), DataSize.ofMegabytes(1), Duration.ofDays(1), Duration.ofDays(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), "", false, Duration.ofSeconds(1));
		return new RunJournal(properties, clock);
	}

}
