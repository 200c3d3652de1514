package io.cronhive.admin.runlog;

import java.util.List;

import io.cronhive.admin.job.JobService;
import io.cronhive.admin.job.JobView;
import io.cronhive.admin.web.ApiSliceTest;
import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@ApiSliceTest({ RunLogController.class, RunNowController.class })
class RunLogControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RunLogService runs;

	@MockitoBean
	JobService jobs;

	@MockitoBean
	RunTrees trees;

	@Test
	void listParsesTimeRangeAndJobUuidIntoFilter() {
		given(this.runs.list(any(), any())).willReturn(new PageView<>(List.of(), 0, 50, 0));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?jobId=0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11"
				+ "&from=2026-01-01T00:00:00Z&to=1767312000000&status=2&triggerKind=CRON"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.size", (s) -> assertThat(s).asNumber().isEqualTo(50));
		then(this.runs).should().list(eq(new RunLogFilter(null, "0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11", null, 2, null,
				null, "CRON", null, 1767225600000L, 1767312000000L)), any());
	}

	@Test
	void listRejectsInstantsBeyondUnixMillisecondsWithProblemDetail() {
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?from={from}", "+1000000000-01-01T00:00:00Z"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("from"));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?to={to}", "-1000000000-01-01T00:00:00Z"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("to"));
	}

	@Test
	void badTimeRangeAndJobIdAre400NamingTheParameter() {
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?from=yesterday"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("from"));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?jobId=nightly"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("jobId"));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs?status=done"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("status"));
	}

	@Test
	void runNowAnswers202WithRunLocationAndCallerAsUsername() {
		JobView job = io.cronhive.admin.job.JobViews.sample(5L);
		given(this.jobs.get(5L)).willReturn(job);
		given(this.runs.runNow(job, "alice")).willReturn(run(17L, "requested"));
		assertThat(this.mvc.post().uri("/v1/jobs/5/runs").principal(() -> "alice"))
			.hasStatus(202)
			.hasHeader("Location", "/v1/scheduler-logs/17")
			.bodyJson()
			.hasPathSatisfying("$.state", (s) -> assertThat(s).asString().isEqualTo("requested"));
	}

	@Test
	void killOfFinishedRunIs409AndOfUnknownRunIs404() {
		given(this.runs.kill(eq(3L), any())).willThrow(new ConflictException("run-finished", "Run finished", "done", List.of()));
		assertThat(this.mvc.post().uri("/v1/scheduler-logs/3/kill"))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/run-finished"));
		given(this.runs.get(anyLong())).willThrow(new NotFoundException("run", 4L));
		assertThat(this.mvc.get().uri("/v1/scheduler-logs/4")).hasStatus(404);
	}

	static RunLogView run(long id, String state) {
		return new RunLogView(id, 5L, "0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11", "nightly", null, null, null, "* * * * *",
				"shell", 3, "unknown", null, null, null, "alice", 1L, 1L, null, null, null, null, 1, 0, "manual", state,
				null, null, null);
	}

}
