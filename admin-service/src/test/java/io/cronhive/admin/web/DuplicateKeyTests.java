package io.cronhive.admin.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateKeyTests {

	final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new LoginLikeController())
		.setMessageConverters(new JacksonJsonHttpMessageConverter(mapper()))
		.setControllerAdvice(new ProblemHandler())
		.build());

	@Test
	void keyRepeatedAfterAllFieldsIs400ProblemNamingTheKey() {
		MvcTestResult result = this.mvc.post().uri("/login").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"admin\",\"password\":\"x\",\"password\":\"y\"}").exchange();
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("appears more than once");
	}

	@Test
	void unknownKeyRepeatedIs400Problem() {
		assertThat(this.mvc.post().uri("/login").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"admin\",\"password\":\"x\",\"zz\":1,\"zz\":2}")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private static JsonMapper mapper() {
		JsonMapper.Builder builder = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
		new ContainerErrorConfiguration().strictDuplicateDetection().customize(builder);
		return builder.build();
	}

	@RestController
	static class LoginLikeController {

		@PostMapping("/login")
		Login login(@RequestBody Login login) {
			return login;
		}

	}

	record Login(String username, String password) {
	}

}
