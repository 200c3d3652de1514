package io.cronhive.common.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobTypeTests {

	@Test
	void readsSeedWireNamesCaseInsensitively() {
		assertThat(JobType.fromWire("Shell")).isEqualTo(JobType.SHELL);
		assertThat(JobType.fromWire("golang")).isEqualTo(JobType.GOLANG);
		assertThat(JobType.fromWire("go")).isEqualTo(JobType.GOLANG);
		assertThat(JobType.HTTP.wireName()).isEqualTo("http");
	}

	@Test
	void unknownTypeNamesTheAcceptedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobType.fromWire("perl"))
			.withMessageContaining("command, shell, python, golang, http");
	}

	@Test
	void statusAndResultKeepTheSeedCodes() {
		assertThat(RunStatus.fromCode(2)).isEqualTo(RunStatus.DONE);
		assertThat(RunStatus.ERROR.code()).isEqualTo(4);
		assertThat(RunOutcome.fromCode(1)).isEqualTo(RunOutcome.OK);
		assertThat(RunOutcome.FAILED.code()).isEqualTo(2);
	}

}
