package io.cronhive.master.dependency;

import java.util.List;
import java.util.Set;

import io.cronhive.common.job.RunCondition;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Join readiness and when a parent's run is its last word. */
class JoinWindowTests {

	@Test
	void joinIsReadyOnlyWhenEveryParentArrived() {
		assertThat(JoinWindow.missing(List.of(1L, 2L, 3L), Set.of(1L, 3L))).containsExactly(2L);
		assertThat(JoinWindow.missing(List.of(1L, 2L), Set.of(2L, 1L))).isEmpty();
	}

	@Test
	void arrivalOfAJobThatIsNoLongerAParentDoesNotCount() {
		assertThat(JoinWindow.missing(List.of(1L, 2L), Set.of(1L, 9L))).containsExactly(2L);
	}

	@Test
	void joinExpiresOnlyAfterItsTimeoutHasPassed() {
		JoinWindow join = new JoinWindow(5, 10_000, 2_000);
		assertThat(join.expiredAt(12_000)).isFalse();
		assertThat(join.expiredAt(12_001)).isTrue();
		assertThat(join.slotKey()).isEqualTo("join:5:10000");
	}

	@Test
	void failedRunWithRetriesLeftIsNotFinalButItsLastAttemptIs() {
		assertThat(parent(RunStatus.DONE, RunOutcome.FAILED, 1, 2, false).isFinal()).isFalse();
		assertThat(parent(RunStatus.DONE, RunOutcome.FAILED, 3, 2, false).isFinal()).isTrue();
		assertThat(parent(RunStatus.DONE, RunOutcome.OK, 1, 2, false).isFinal()).isTrue();
	}

	@Test
	void unknownOutcomeIsFinalUnlessTheJobIsIdempotentAndHasRetriesLeft() {
		assertThat(parent(RunStatus.UNKNOWN, RunOutcome.FAILED, 1, 2, false).isFinal()).isTrue();
		assertThat(parent(RunStatus.UNKNOWN, RunOutcome.FAILED, 1, 2, true).isFinal()).isFalse();
	}

	private static FinishedParent parent(RunStatus status, RunOutcome outcome, int attempt, int retries,
			boolean idempotent) {
		return new FinishedParent(1, 1, status.code(), outcome, attempt, retries, idempotent, 0, 2, false,
				RunCondition.ALWAYS, 1000);
	}

}
