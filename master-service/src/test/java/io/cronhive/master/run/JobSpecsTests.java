package io.cronhive.master.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Job parameters as admin-service stores them (JSON text) become the run's environment map. */
class JobSpecsTests {

	@Test
	void jsonObjectParametersBecomeAMap() {
		assertThat(JobSpecs.parameters("{\"A\":\"1\",\"B\":\"two\"}")).containsEntry("A", "1").containsEntry("B", "two");
	}

	@Test
	void keyValueLinesAreAcceptedToo() {
		assertThat(JobSpecs.parameters("A=1\nB = two")).containsEntry("A", "1").containsEntry("B", "two");
	}

	@Test
	void missingParametersAreEmpty() {
		assertThat(JobSpecs.parameters(null)).isEmpty();
		assertThat(JobSpecs.parameters("  ")).isEmpty();
	}

}
