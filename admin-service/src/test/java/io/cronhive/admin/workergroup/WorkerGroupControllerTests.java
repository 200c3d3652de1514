package io.cronhive.admin.workergroup;

import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.ApiSliceTest;
import io.cronhive.admin.web.ConflictException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.willThrow;

@ApiSliceTest(WorkerGroupController.class)
class WorkerGroupControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	WorkerGroupService groups;

	@Test
	void blankNameAndBlankTagAre400NamingTheFields() {
		assertThat(this.mvc.post().uri("/v1/worker-groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"tags\":[\" \"],\"workerIds\":[\"x\"]}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("workerIds[0]"));
		assertThat(this.mvc.post().uri("/v1/worker-groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"tags\":[\" \"]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactlyInAnyOrder("name", "tags[0]"));
	}

	@Test
	void deletingGroupInUseIs409ListingJobs() {
		willThrow(new ConflictException("group-in-use", "Worker group in use", "in use", List.of())
			.with("jobs", List.of(Map.of("id", 4, "name", "nightly")))).given(this.groups).delete(anyLong());
		assertThat(this.mvc.delete().uri("/v1/worker-groups/2"))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/group-in-use"))
			.hasPathSatisfying("$.jobs[0].name", (n) -> assertThat(n).asString().isEqualTo("nightly"));
	}

}
