package io.cronhive.gateway.auth;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With admin-service down, a token cannot be checked: the gateway says so with a 503 problem and keeps running. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "cronhive.gateway.auth.jwks-timeout=1s" })
class AdminUnreachableTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void deadAdminInstance(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		registry.add("spring.cloud.discovery.client.simple.instances.admin-service[0].uri",
				() -> "http://127.0.0.1:" + closedPort);
	}

	@Test
	void tokenThatCannotBeCheckedIsAnswered503Problem() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		for (int i = 0; i < 2; i++) {
			client.get()
				.uri("/v1/jobs")
				.header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJhIn0.c2ln")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://cronhive.io/problems/auth-unavailable");
		}
	}

}
