package io.cronhive.admin.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors Tomcat answers itself, before any filter runs, sent over a plain socket to admin-service on a real
 * port: problem documents, never HTML pages, and never a 5xx for a client's mistake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:cronhive-container-errors;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
				"spring.datasource.username=sa", "spring.datasource.password=", "eureka.client.enabled=false",
				"cronhive.auth.admin-password=container-errors-only-9f3a" })
class ContainerErrorTests {

	@LocalServerPort
	int port;

	@Test
	void connectAndTraceAre405ProblemsFromTheContainer() throws IOException {
		for (String method : new String[] { "CONNECT", "TRACE" }) {
			String response = send(method + " /v1/jobs HTTP/1.1");
			assertThat(response).as(method).startsWith("HTTP/1.1 405");
			assertThat(response).as(method).containsIgnoringCase("Content-Type: application/problem+json");
			assertThat(response).as(method).contains("\"status\":405").doesNotContain("<html");
		}
	}

	@Test
	void undecodablePathIs400ProblemFromTheContainer() throws IOException {
		for (String path : new String[] { "/v1/jobs/%FF", "/v1/jobs/%", "/v1/jobs/%C0%AF" }) {
			String response = send("GET " + path + " HTTP/1.1");
			assertThat(response).as(path).startsWith("HTTP/1.1 400");
			assertThat(response).as(path).containsIgnoringCase("Content-Type: application/problem+json");
			assertThat(response).as(path).contains("https://cronhive.io/problems/invalid-request");
		}
	}

	@Test
	void invalidPercentEscapeInTheLoginQueryIs400Problem() throws IOException {
		String response = send("POST /v1/auth/login?x=%FF HTTP/1.1");
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"field\":\"x\"");
	}

	private String send(String requestLine) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
