package io.cronhive.admin.worker;

import io.cronhive.admin.web.ApiSliceTest;
import io.cronhive.admin.web.NotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@ApiSliceTest(WorkerController.class)
class WorkerControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	WorkerService workers;

	@Test
	void createAnswers201WithLocation() {
		given(this.workers.create(any())).willReturn(new WorkerView(3, null, "box", "svc", null, false, null, 0, null,
				null, 1, 1, 0));
		assertThat(this.mvc.post().uri("/v1/workers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"box\",\"srvName\":\"svc\"}"))
			.hasStatus(201)
			.hasHeader("Location", "/v1/workers/3");
	}

	@Test
	void missingNameAndMalformedSrvNameAre400NamingBothAndReachNoService() {
		assertThat(this.mvc.post().uri("/v1/workers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"srvName\":\"bad name!\",\"tag\":\"" + "x".repeat(65) + "\"}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactlyInAnyOrder("name", "srvName", "tag"));
		then(this.workers).should(never()).create(any());
	}

	@Test
	void unknownWorkerIs404AndNonNumericIdIs400() {
		given(this.workers.get(anyLong())).willThrow(new NotFoundException("worker", 9L));
		assertThat(this.mvc.get().uri("/v1/workers/9")).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/v1/workers/box"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("id"));
	}

}
