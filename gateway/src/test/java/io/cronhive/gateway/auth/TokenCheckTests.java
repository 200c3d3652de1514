package io.cronhive.gateway.auth;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a stub admin-service found through simple discovery and the load balancer: tokens are
 * checked before routing, and what passes arrives with its Authorization header and without forged identity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.cloud.loadbalancer.cache.enabled=false" })
class TokenCheckTests {

	static final StubAdminService admin = start();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void adminInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.admin-service[0].uri",
				() -> "http://127.0.0.1:" + admin.port());
	}

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		admin.forwarded.clear();
	}

	@AfterAll
	static void stop() {
		admin.close();
	}

	@Test
	void callWithoutTokenIsRefusedWith401ProblemBeforeRouting() {
		this.client.get()
			.uri("/v1/jobs")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cronhive.io/problems/unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401);
		assertThat(admin.forwarded).isEmpty();
	}

	@Test
	void tokenSignedWithAnotherKeyIsRefused() {
		expectRefused(admin.forgedToken("admin"));
	}

	@Test
	void expiredTokenIsRefused() {
		expectRefused(admin.token("admin", Instant.now().minusSeconds(120)));
	}

	@Test
	void unsignedTokenIsRefused() {
		String[] parts = admin.token("admin", Instant.now().plusSeconds(600)).split("\\.");
		String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
		expectRefused(header + "." + parts[1] + ".");
	}

	@Test
	void garbageTokenIsRefused() {
		expectRefused("not-a-jwt");
	}

	@Test
	void validTokenPassesWithAuthorizationAndWithoutForgedIdentityHeaders() {
		String token = admin.token("operator1", Instant.now().plusSeconds(600));
		this.client.get()
			.uri("/v1/jobs")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Forwarded-User", "admin")
			.header("X-Remote-User", "admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists(TokenCheckFilter.REQUEST_ID)
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/v1/jobs");
		assertThat(admin.forwarded).hasSize(1);
		var headers = new HttpHeaders();
		admin.forwarded.getFirst().forEach(headers::addAll);
		assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
		assertThat(headers.containsHeader("X-Forwarded-User")).isFalse();
		assertThat(headers.containsHeader("X-Remote-User")).isFalse();
		assertThat(headers.getFirst(TokenCheckFilter.REQUEST_ID)).isNotBlank();
	}

	@Test
	void forwardedForIsTheAddressTheGatewaySawNotTheCallersClaim() {
		this.client.post()
			.uri("/v1/auth/login")
			.header("X-Forwarded-For", "198.51.100.7")
			.header("Forwarded", "for=198.51.100.7")
			.header("X-Real-IP", "198.51.100.7")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		var headers = new HttpHeaders();
		admin.forwarded.getFirst().forEach(headers::addAll);
		assertThat(headers.get("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(headers.containsHeader("Forwarded")).isFalse();
		assertThat(headers.containsHeader("X-Real-IP")).isFalse();
	}

	@Test
	void methodsNobodyRoutesAre405ProblemsEvenWithAValidToken() {
		String token = admin.token("operator1", Instant.now().plusSeconds(600));
		for (String method : new String[] { "TRACE", "PROPFIND", "FOO" }) {
			this.client.method(HttpMethod.valueOf(method))
				.uri("/v1/jobs")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isEqualTo(405)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists(HttpHeaders.ALLOW)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://cronhive.io/problems/method-not-allowed");
		}
		assertThat(admin.forwarded).isEmpty();
	}

	@Test
	void loginJwksAndOpenApiArePublic() {
		this.client.post()
			.uri("/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/v1/auth/jwks").exchange().expectStatus().isOk();
		this.client.get().uri("/v1/openapi").exchange().expectStatus().isOk();
		assertThat(admin.forwarded).hasSize(2);
	}

	@Test
	void writeToTheLoginPathWithAnotherMethodIsNotPublic() {
		this.client.delete().uri("/v1/auth/login").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void unknownKeyIdRefetchesKeysAtMostOncePerInterval() {
		int before = admin.jwksFetches.get();
		for (int i = 0; i < 5; i++) {
			String token = admin.token("admin", Instant.now().plusSeconds(600));
			String[] parts = token.split("\\.");
			String header = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"unknown-" + i + "\"}").getBytes());
			expectRefused(header + "." + parts[1] + "." + parts[2]);
		}
		assertThat(admin.jwksFetches.get() - before).isLessThanOrEqualTo(1);
	}

	private void expectRefused(String token) {
		this.client.get()
			.uri("/v1/jobs")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cronhive.io/problems/unauthorized");
		assertThat(admin.forwarded).isEmpty();
	}

	private static StubAdminService start() {
		try {
			return new StubAdminService();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
