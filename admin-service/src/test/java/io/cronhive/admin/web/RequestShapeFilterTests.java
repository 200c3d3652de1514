package io.cronhive.admin.web;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

class RequestShapeFilterTests {

	final RecordingController controller = new RecordingController();

	final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(this.controller)
		.addFilters(new RequestShapeFilter())
		.setControllerAdvice(new ProblemHandler())
		.build());

	static final String BODY = "{\"name\":\"nightly\"}";

	@Test
	void createRejectsAcceptItCannotProduceWith406ProblemBeforeTheHandlerRuns() {
		for (String accept : new String[] { "application/xml", "text/html", "image/png", "text/plain", "text/*",
				"application/json;q=0", "garbage;;" }) {
			MvcTestResult result = this.mvc.post().uri("/v1/things").contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT, accept).content(BODY).exchange();
			assertProblem(result, 406, "not-acceptable", "Accept");
		}
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void createAcceptsJsonProblemJsonAndWildcards() {
		for (String accept : new String[] { "application/json", "application/problem+json", "*/*", "application/*",
				"text/html, application/json;q=0.5" }) {
			assertThat(this.mvc.post().uri("/v1/things").contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT, accept).content(BODY)).as(accept).hasStatusOk();
		}
	}

	@Test
	void createRejectsWildcardMultipartAndFormContentTypesWith415Problem() {
		for (String type : new String[] { "*/*", "application/*", "multipart/form-data",
				"application/x-www-form-urlencoded", "text/plain", "application/json;charset=nonsense", "not a type" }) {
			MvcTestResult result = this.mvc.post().uri("/v1/things").header(HttpHeaders.CONTENT_TYPE, type)
				.content(BODY).exchange();
			assertProblem(result, 415, "unsupported-media-type", "Content-Type");
		}
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void createRejectsJsonSentAsFormWith415ProblemWithoutParsingItAsParameters() {
		MvcTestResult result = this.mvc.post().uri("/v1/things")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("{\"name\":\"disk at 100%\",\"target\":\"echo 100%\"}")
			.exchange();
		assertProblem(result, 415, "unsupported-media-type", "Content-Type");
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void listRejectsInvalidPercentEscapesWith400ProblemNamingTheParameter() {
		for (String value : new String[] { "%FF", "%C0%AF", "%", "%zz", "%E2%82" }) {
			MvcTestResult result = this.mvc.get().uri("/v1/things").with((request) -> {
				request.setQueryString("page=0&name=" + value);
				return request;
			}).exchange();
			assertProblem(result, 400, "invalid-request", "name");
		}
	}

	@Test
	void connectTraceAndInventedMethodsAre405ProblemWithAllow() {
		for (String method : new String[] { "CONNECT", "TRACE", "PROPFIND" }) {
			MvcTestResult result = this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.request(HttpMethod.valueOf(method), "/v1/things"));
			assertProblem(result, 405, "method-not-allowed", "method");
			assertThat(result).headers().containsHeader(HttpHeaders.ALLOW);
		}
	}

	private static void assertProblem(MvcTestResult result, int status, String type, String field) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ApiException.TYPE_BASE + type);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
	}

	@RestController
	@RequestMapping("/v1/things")
	static class RecordingController {

		final AtomicInteger calls = new AtomicInteger();

		@PostMapping
		Thing create(@RequestBody Thing thing) {
			this.calls.incrementAndGet();
			return thing;
		}

		@org.springframework.web.bind.annotation.GetMapping
		Thing list() {
			return new Thing("all");
		}

	}

	record Thing(String name) {
	}

}
