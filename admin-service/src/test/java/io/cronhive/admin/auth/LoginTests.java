package io.cronhive.admin.auth;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@AdminApiTest
class LoginTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void loginWithFirstAdminPasswordAnswersTokenAndExpiry() {
		MvcTestResult result = new AuthFixture(this.mvc).login("admin", AuthFixture.ADMIN_PASSWORD);
		assertThat(result).hasStatusOk();
		assertThat(result).hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		assertThat(result).bodyJson().extractingPath("$.token").asString().matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		String expiresAt = AuthFixture.read(result, "$.expiresAt");
		assertThat(Instant.parse(expiresAt)).isBetween(Instant.now().plusSeconds(7 * 3600),
				Instant.now().plusSeconds(8 * 3600 + 60));
	}

	@Test
	void wrongPasswordAndUnknownUserGetTheSameProblem() {
		MvcTestResult wrongPassword = new AuthFixture(this.mvc).login("admin", "not-the-password-at-all");
		MvcTestResult unknownUser = new AuthFixture(this.mvc).login("nobody-" + System.nanoTime(),
				AuthFixture.ADMIN_PASSWORD);
		for (MvcTestResult result : new MvcTestResult[] { wrongPassword, unknownUser }) {
			assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson()
				.extractingPath("$.type")
				.isEqualTo("https://cronhive.io/problems/invalid-credentials");
		}
		assertThat(wrongPassword.getResponse().getContentAsByteArray())
			.isEqualTo(unknownUser.getResponse().getContentAsByteArray());
	}

	@Test
	void staleTokenSentWithTheLoginIsIgnored() {
		MvcTestResult result = this.mvc.post()
			.uri("/v1/auth/login")
			.header(HttpHeaders.AUTHORIZATION, "Bearer expired.or.garbage")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"admin\",\"password\":\"" + AuthFixture.ADMIN_PASSWORD + "\"}")
			.exchange();
		assertThat(result).hasStatusOk();
	}

	@Test
	void loginWithoutPasswordIsAProblemNamingTheField() {
		MvcTestResult result = this.mvc.post()
			.uri("/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"admin\"}")
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
	}

	@Test
	void repeatedFailuresAreThrottledEvenWithTheRightPassword() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String name = fixture.createUser("viewer");
		for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
			assertThat(fixture.login(name, "guess-number-" + i)).hasStatus(401);
		}
		MvcTestResult throttled = fixture.login(name, AuthFixture.USER_PASSWORD);
		assertThat(throttled).hasStatus(429).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(throttled).bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://cronhive.io/problems/too-many-login-attempts");
		// the same name from another client (behind the gateway: the last X-Forwarded-For hop) is not locked out
		assertThat(this.mvc.post()
			.uri("/v1/auth/login")
			.header("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + name + "\",\"password\":\"" + AuthFixture.USER_PASSWORD + "\"}")).hasStatusOk();
	}

	@Test
	void jwksPublishesPublicKeysOnly() {
		MvcTestResult result = this.mvc.get().uri("/v1/auth/jwks").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.keys[0].kty").isEqualTo("RSA");
		assertThat(result).bodyJson().extractingPath("$.keys[0].kid").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.keys[0].n").asString().isNotBlank();
		assertThat(result).bodyJson().doesNotHavePath("$.keys[0].d");
		assertThat(result).bodyJson().doesNotHavePath("$.keys[0].p");
	}

	@Test
	void disabledUserCannotLogIn() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String name = fixture.createUser("viewer");
		String token = fixture.token(name, AuthFixture.USER_PASSWORD);
		long id = ((Number) AuthFixture.read(this.mvc.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token))
			.exchange(), "$.id")).longValue();
		assertThat(this.mvc.put()
			.uri("/v1/users/" + id)
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(fixture.adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).hasStatusOk();
		assertThat(fixture.login(name, AuthFixture.USER_PASSWORD)).hasStatus(401);
		// and the token it already had stops working at once
		assertThat(this.mvc.get().uri("/v1/users/me").header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token)))
			.hasStatus(401);
	}

}
