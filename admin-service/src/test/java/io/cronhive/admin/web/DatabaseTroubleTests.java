package io.cronhive.admin.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that is busy or away is a 503 the client can retry, never a 500. */
class DatabaseTroubleTests {

	final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new FailingController())
		.setMessageConverters(new JacksonJsonHttpMessageConverter(
				JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build()))
		.setControllerAdvice(new ProblemHandler())
		.build());

	@Test
	void aLockTimeoutIsA503WithRetryAfterThatSaysNothingChanged() {
		MvcTestResult result = this.mvc.delete().uri("/fail/lock").exchange();
		assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).hasHeader("Retry-After", "1");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://cronhive.io/problems/database-busy");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("nothing was changed");
		assertThat(this.mvc.delete().uri("/fail/timeout").exchange()).hasStatus(503);
	}

	@Test
	void anUnreachableDatabaseIsA503ThatNamesNoInternals() {
		MvcTestResult result = this.mvc.delete().uri("/fail/unreachable").exchange();
		assertThat(result).hasStatus(503).hasHeader("Retry-After", "5");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://cronhive.io/problems/database-unavailable");
		assertThat(result).bodyJson().asString().doesNotContain("Communications link");
	}

	@RestController
	static class FailingController {

		@DeleteMapping("/fail/{how}")
		void fail(@PathVariable String how) {
			switch (how) {
				case "lock" -> throw new CannotAcquireLockException("Timeout trying to lock table \"jobs\"");
				case "timeout" -> throw new QueryTimeoutException("statement timed out");
				default -> throw new CannotCreateTransactionException("Could not open JDBC Connection",
						new SQLException("Communications link failure"));
			}
		}

	}

}
