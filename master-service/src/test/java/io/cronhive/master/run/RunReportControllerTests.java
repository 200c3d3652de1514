package io.cronhive.master.run;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The run report endpoint as a worker sees it, signature filter included. */
@WebMvcTest(RunReportController.class)
class RunReportControllerTests {

	private static final ClusterSecret SECRET = ClusterSecret.of("a-test-cluster-secret-of-at-least-32-bytes!");

	private static final String REPORT = """
			{"runId":42,"epoch":3,"workerName":"w1","workerHost":"10.0.0.7","status":2,"outcome":1,"exitCode":0,
			"output":"hi","outputTruncated":false,"message":null,"startedAtMs":1000,"endedAtMs":1500}""";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RunReports reports;

	private final RequestSigner signer = new RequestSigner(SECRET, Clock.systemUTC());

	@Test
	void signedReportIsAppliedAndAcknowledged() throws Exception {
		given(this.reports.apply(any())).willReturn(ReportOutcome.APPLIED);
		this.mvc.perform(signed(REPORT))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runId").value(42))
			.andExpect(jsonPath("$.applied").value(true));
	}

	@Test
	void repeatedReportIsAcknowledgedWithoutChange() throws Exception {
		given(this.reports.apply(any())).willReturn(ReportOutcome.ALREADY_APPLIED);
		this.mvc.perform(signed(REPORT)).andExpect(status().isOk()).andExpect(jsonPath("$.applied").value(false));
	}

	@Test
	void reportForUnknownRunIsNotFoundProblem() throws Exception {
		given(this.reports.apply(any())).willReturn(ReportOutcome.UNKNOWN_RUN);
		this.mvc.perform(signed(REPORT))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/unknown-run"))
			.andExpect(jsonPath("$.runId").value(42));
	}

	@Test
	void unsignedReportIsRefusedWith401ProblemAndNotApplied() throws Exception {
		this.mvc.perform(post(MasterPaths.RUN_REPORTS).contentType(MediaType.APPLICATION_JSON).content(REPORT))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/unauthenticated"))
			.andExpect(jsonPath("$.verdict").value("unsigned"));
		then(this.reports).should(never()).apply(any());
	}

	@Test
	void tamperedReportIsRefusedWith401() throws Exception {
		RequestSignature signature = this.signer.sign("POST", MasterPaths.RUN_REPORTS,
				REPORT.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(withHeaders(post(MasterPaths.RUN_REPORTS), signature).contentType(MediaType.APPLICATION_JSON)
			.content(REPORT.replace("\"outcome\":1", "\"outcome\":2")))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.verdict").value("bad_signature"));
		then(this.reports).should(never()).apply(any());
	}

	@Test
	void replayedReportIsRefusedWith401() throws Exception {
		given(this.reports.apply(any())).willReturn(ReportOutcome.APPLIED);
		RequestSignature signature = this.signer.sign("POST", MasterPaths.RUN_REPORTS,
				REPORT.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(withHeaders(post(MasterPaths.RUN_REPORTS), signature).contentType(MediaType.APPLICATION_JSON)
			.content(REPORT)).andExpect(status().isOk());
		this.mvc.perform(withHeaders(post(MasterPaths.RUN_REPORTS), signature).contentType(MediaType.APPLICATION_JSON)
			.content(REPORT)).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.verdict").value("replayed"));
	}

	@Test
	void signedBatchIsAppliedAndEveryRunAnsweredInsideA200() throws Exception {
		given(this.reports.applyAll(any())).willReturn(List.of(result(42, ReportOutcome.APPLIED),
				result(43, ReportOutcome.ALREADY_APPLIED), result(44, ReportOutcome.UNKNOWN_RUN)));
		this.mvc.perform(signed(MasterPaths.RUN_REPORT_BATCHES, batch(42, 43, 44)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runs.length()").value(3))
			.andExpect(jsonPath("$.runs[0].runId").value(42))
			.andExpect(jsonPath("$.runs[0].outcome").value("applied"))
			.andExpect(jsonPath("$.runs[1].runId").value(43))
			.andExpect(jsonPath("$.runs[1].outcome").value("already_applied"))
			.andExpect(jsonPath("$.runs[2].runId").value(44))
			.andExpect(jsonPath("$.runs[2].outcome").value("unknown_run"));
		then(this.reports).should().applyAll(argThat((reports) -> reports.size() == 3 && reports.get(2).runId() == 44));
	}

	@Test
	void unsignedBatchIsRefusedWith401ProblemAndNotApplied() throws Exception {
		this.mvc
			.perform(post(MasterPaths.RUN_REPORT_BATCHES).contentType(MediaType.APPLICATION_JSON).content(batch(42)))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/unauthenticated"));
		then(this.reports).should(never()).applyAll(any());
	}

	@Test
	void batchSignedForTheSingleReportPathIsRefused() throws Exception {
		String body = batch(42);
		RequestSignature signature = this.signer.sign("POST", MasterPaths.RUN_REPORTS,
				body.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(withHeaders(post(MasterPaths.RUN_REPORT_BATCHES), signature)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.verdict").value("bad_signature"));
		then(this.reports).should(never()).applyAll(any());
	}

	private static String batch(long... runIds) {
		StringBuilder json = new StringBuilder("{\"reports\":[");
		for (int i = 0; i < runIds.length; i++) {
			json.append((i > 0) ? "," : "").append(REPORT.replace("\"runId\":42", "\"runId\":" + runIds[i]));
		}
		return json.append("]}").toString();
	}

	private static ReportResult result(long runId, ReportOutcome outcome) {
		RunReport report = new RunReport("cluster-a", runId, 3, "w1", "10.0.0.7", RunStatus.DONE, RunOutcome.OK, 0,
				"hi", false, null, 1000, 1500);
		return new ReportResult(report, outcome, "cron", 900);
	}

	private MockHttpServletRequestBuilder signed(String body) {
		return signed(MasterPaths.RUN_REPORTS, body);
	}

	private MockHttpServletRequestBuilder signed(String path, String body) {
		RequestSignature signature = this.signer.sign("POST", path, body.getBytes(StandardCharsets.UTF_8));
		return withHeaders(post(path), signature).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static MockHttpServletRequestBuilder withHeaders(MockHttpServletRequestBuilder request,
			RequestSignature signature) {
		return request.header(SignatureHeaders.TIMESTAMP, signature.timestampMs())
			.header(SignatureHeaders.NONCE, signature.nonce())
			.header(SignatureHeaders.SIGNATURE, signature.signature());
	}

	@TestConfiguration
	static class Signing {

		@Bean
		SignatureVerifier signatureVerifier() {
			return new SignatureVerifier(SECRET, Clock.systemUTC(), Duration.ofSeconds(60));
		}

	}

}
