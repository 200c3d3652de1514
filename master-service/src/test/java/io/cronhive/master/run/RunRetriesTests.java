package io.cronhive.master.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry backoff: the job's backoff, doubled per failed attempt, capped at an hour. */
class RunRetriesTests {

	@Test
	void backoffDoublesPerAttemptFromTheJobsBase() {
		assertThat(RunRetries.backoffMs(10_000, 1)).isEqualTo(10_000);
		assertThat(RunRetries.backoffMs(10_000, 2)).isEqualTo(20_000);
		assertThat(RunRetries.backoffMs(10_000, 3)).isEqualTo(40_000);
	}

	@Test
	void backoffIsCappedAtAnHour() {
		assertThat(RunRetries.backoffMs(600_000, 10)).isEqualTo(3_600_000);
	}

	@Test
	void zeroBackoffRetriesAtOnce() {
		assertThat(RunRetries.backoffMs(0, 3)).isZero();
	}

}
