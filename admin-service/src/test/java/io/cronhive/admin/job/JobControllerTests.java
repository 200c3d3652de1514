package io.cronhive.admin.job;

import java.util.Collections;
import java.util.List;

import io.cronhive.admin.dependency.ChildJob;
import io.cronhive.admin.web.ApiSliceTest;
import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.PreconditionException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/** The HTTP face of jobs: status codes, problem documents and what reaches the service. Security is not the point here. */
@ApiSliceTest(JobController.class)
class JobControllerTests {

	private static final String VALID = """
			{"name":"nightly","cron":"0 0 3 * * ?","type":"shell","target":"echo hi","username":"mallory"}""";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	JobService jobs;

	@Test
	void createAnswers201WithLocationIdAndJobIdAndTakesUsernameFromPrincipalNotBody() {
		given(this.jobs.create(any(), eq("alice"))).willReturn(view(5L, 0L));
		assertThat(this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(201)
			.hasHeader("Location", "/v1/jobs/5")
			.hasHeader("ETag", "\"0\"")
			.bodyJson()
			.hasPathSatisfying("$.id", (id) -> assertThat(id).asNumber().isEqualTo(5))
			.hasPathSatisfying("$.jobId", (id) -> assertThat(id).asString().hasSize(36));
		then(this.jobs).should().create(any(), eq("alice"));
	}

	@Test
	void createRejectsBlankNameAndOutOfRangeRetriesWithProblemNamingFields() {
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":" ","cron":"* * * * *","type":"shell","target":"x","retries":500}"""))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/invalid-request"))
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactlyInAnyOrder("name", "retries"));
	}

	@Test
	void createRejectsMoreThanAHundredChildrenAndJoinParentsThatAreNotIdsNamingTheFields() {
		String children = String.join(",", Collections.nCopies(101, "{\"jobId\":1}"));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"x","cron":"* * * * *","type":"shell","target":"x","children":[%s]}""".formatted(children)))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactly("children"));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"x","cron":"* * * * *","type":"shell","target":"x","joinParents":["left"]}"""))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().startsWith("joinParents"));
		then(this.jobs).shouldHaveNoInteractions();
	}

	@Test
	void createHandsChildrenJoinParentsAndTimeoutToTheService() {
		given(this.jobs.create(any(), any())).willReturn(view(5L, 0L));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"x","cron":"* * * * *","type":"shell","target":"x","children":[{"jobId":3,"on":"failure"}],
				 "joinParents":[4,5],"joinTimeoutMs":60000}"""))
			.hasStatus(201);
		then(this.jobs).should()
			.create(argThat((r) -> r.children().equals(List.of(new ChildJob(3L, "failure")))
					&& r.joinParents().equals(List.of(4L, 5L)) && r.joinTimeoutMs() == 60000L), any());
	}

	@Test
	void createReportsServiceValidationAsProblemWithErrors() {
		given(this.jobs.create(any(), any())).willThrow(new InvalidRequestException(
				List.of(new FieldProblem("cron", "bad"), new FieldProblem("target.url", "not a URL"))));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactly("cron", "target.url"));
	}

	@Test
	void createRejectsMalformedJsonAndWrongTypesNamingTheField() {
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"x","cron":"* * * * *","type":"shell","target":"x","retries":"many"}"""))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("retries"));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void duplicateNameIsConflictNamingName() {
		given(this.jobs.create(any(), any())).willThrow(ConflictException.duplicate("name", "job", "nightly"));
		assertThat(this.mvc.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/duplicate"))
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("name"));
	}

	@Test
	void updatePassesIfMatchAndMapsStaleVersionsTo409And412And428() {
		given(this.jobs.update(eq(5L), any(), eq("\"3\""))).willReturn(view(5L, 4L));
		assertThat(this.mvc.put().uri("/v1/jobs/5").header("If-Match", "\"3\"").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(200)
			.hasHeader("ETag", "\"4\"");
		given(this.jobs.update(eq(6L), any(), any())).willThrow(ConflictException.staleVersion("job", 6L, 1, 2));
		assertThat(this.mvc.put().uri("/v1/jobs/6").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/stale-version"))
			.hasPathSatisfying("$.currentVersion", (v) -> assertThat(v).asNumber().isEqualTo(2));
		given(this.jobs.update(eq(7L), any(), any())).willThrow(PreconditionException.failed("job", 7L, "\"1\"", 2));
		assertThat(this.mvc.put().uri("/v1/jobs/7").contentType(MediaType.APPLICATION_JSON).content(VALID)).hasStatus(412);
		given(this.jobs.update(eq(8L), any(), any())).willThrow(PreconditionException.required("job"));
		assertThat(this.mvc.put().uri("/v1/jobs/8").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.hasStatus(428)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("version"));
	}

	@Test
	void unknownJobIs404Problem() {
		given(this.jobs.get(anyLong())).willThrow(new JobNotFoundException(42));
		assertThat(this.mvc.get().uri("/v1/jobs/42"))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/not-found"));
	}

	@Test
	void unexpectedFailureIs500ProblemWithoutInternals() {
		given(this.jobs.get(13L)).willThrow(new IllegalStateException("connection pool secret detail"));
		assertThat(this.mvc.get().uri("/v1/jobs/13"))
			.hasStatus(500)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().endsWith("/internal-error"))
			.hasPathSatisfying("$.detail", (d) -> assertThat(d).asString().doesNotContain("secret"));
	}

	@Test
	void listRejectsUnknownSortFieldAndOversizedPage() {
		assertThat(this.mvc.get().uri("/v1/jobs?sort=password,desc&size=100000"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactlyInAnyOrder("size", "sort"));
		assertThat(this.mvc.get().uri("/v1/jobs?type=perl")).hasStatus(400);
	}

	@Test
	void listPassesFiltersAndSortToService() {
		given(this.jobs.list(any(), any())).willReturn(new io.cronhive.admin.web.PageView<>(List.of(), 1, 10, 0));
		assertThat(this.mvc.get().uri("/v1/jobs?name=night&tag=gpu&type=go&scheduled=true&page=1&size=10&sort=name,desc"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.page", (p) -> assertThat(p).asNumber().isEqualTo(1))
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(0));
		then(this.jobs).should().list(eq(new JobFilter("night", "gpu", null, "golang", null, true)), any());
	}

	static JobView view(long id, long version) {
		JobView sample = JobViews.sample(id);
		return new JobView(id, sample.jobId(), sample.name(), null, null, null, sample.cron(), "UTC", "shell",
				sample.target(), java.util.Map.of(), 0, 0, 10_000, false, "round_robin", "fire_once", "allow", null, "alice", 1L,
				1L, null, 3, "unknown", null, null, null, null, null, false, null, null, version);
	}

}
