package io.cronhive.common.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunConditionTests {

	@Test
	void successTriggersOnlyOnASucceededParent() {
		assertThat(RunCondition.SUCCESS.matches(RunOutcome.OK)).isTrue();
		assertThat(RunCondition.SUCCESS.matches(RunOutcome.FAILED)).isFalse();
	}

	@Test
	void failureTriggersOnlyOnAFailedParent() {
		assertThat(RunCondition.FAILURE.matches(RunOutcome.FAILED)).isTrue();
		assertThat(RunCondition.FAILURE.matches(RunOutcome.OK)).isFalse();
	}

	@Test
	void alwaysTriggersOnEitherOutcome() {
		assertThat(RunCondition.ALWAYS.matches(RunOutcome.OK)).isTrue();
		assertThat(RunCondition.ALWAYS.matches(RunOutcome.FAILED)).isTrue();
	}

	@Test
	void wireNamesAreReadIgnoringCaseAndAbsentMeansSuccess() {
		assertThat(RunCondition.fromWire(" Failure ")).isEqualTo(RunCondition.FAILURE);
		assertThat(RunCondition.fromWire(null)).isEqualTo(RunCondition.SUCCESS);
		assertThatIllegalArgumentException().isThrownBy(() -> RunCondition.fromWire("sometimes"))
			.withMessage("'sometimes' is not one of success, failure, always");
	}

}
