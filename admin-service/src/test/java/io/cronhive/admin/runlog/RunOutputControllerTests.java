package io.cronhive.admin.runlog;

import io.cronhive.admin.web.ApiSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/** {@code GET /v1/scheduler-logs/{id}/output}: slices by offset, and a missing secret is a 503 problem. */
@ApiSliceTest(RunOutputController.class)
class RunOutputControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RunOutputTail tail;

	@Test
	void answersTheSliceFromTheOffset() {
		given(this.tail.read(7, 12)).willReturn(new RunOutputSlice(7, 12, 20, "tick-3\n", false, "worker", null));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/7/output?offset=12"))
			.hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"runId":7,"offset":12,"nextOffset":20,"data":"tick-3\\n","finished":false,"source":"worker"}""");
	}

	@Test
	void negativeOffsetIs400AndNoClusterSecretIs503() {
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/7/output?offset=-1")).hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("offset"));
		given(this.tail.read(8, 0)).willThrow(new LiveOutputUnavailableException());
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/8/output")).hasStatus(503)
			.bodyJson()
			.hasPathSatisfying("$.type",
					(t) -> assertThat(t).asString().endsWith("/live-output-unavailable"));
	}

}
