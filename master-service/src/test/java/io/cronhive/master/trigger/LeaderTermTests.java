package io.cronhive.master.trigger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where in the second the leader's planning polls fall. */
class LeaderTermTests {

	@Test
	void pollsFallAtThePhasePastEachMultipleOfTheInterval() {
		// 12:00:00.000 + 30 ms: the next poll is at .200, the ones after at .450, .700, .950.
		long now = 1_800_000_000_030L;
		assertThat(LeaderTerm.delayToPhase(now, 250, 200)).isEqualTo(170);
		assertThat(LeaderTerm.delayToPhase(now + 170 + 1, 250, 200)).isEqualTo(249);
		assertThat(LeaderTerm.delayToPhase(1_800_000_000_990L, 250, 200)).isEqualTo(210);
	}

	@Test
	void aPollDueRightNowWaitsAWholeIntervalBecauseTheFirstPollRunsAtOnce() {
		assertThat(LeaderTerm.delayToPhase(1_800_000_000_200L, 250, 200)).isEqualTo(250);
	}

}
