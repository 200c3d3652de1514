package io.cronhive.gateway.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway on a real port, sent request targets no URI parser accepts, over a plain socket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false" })
class RequestTargetGuardTests {

	@LocalServerPort
	int port;

	@Test
	void malformedPercentEscapesAre400ProblemsNamingThePart() throws IOException {
		assertThat(send("GET /v1/jobs?name=% HTTP/1.1")).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"field\":\"query\"");
		assertThat(send("GET /v1/jobs?name=%zz HTTP/1.1")).startsWith("HTTP/1.1 400").contains("\"field\":\"query\"");
		assertThat(send("DELETE /v1/jobs/% HTTP/1.1")).startsWith("HTTP/1.1 400").contains("\"field\":\"path\"");
	}

	@Test
	void wellFormedTargetsPassTheGuard() {
		assertThat(RequestTargetGuard.malformedPart("/v1/jobs?name=%FF&size=10")).isNull();
		assertThat(RequestTargetGuard.malformedPart("/v1/jobs/%C0%AF")).isNull();
		assertThat(RequestTargetGuard.malformedPart("/v1/jobs?name=a%")).isEqualTo("query");
	}

	private String send(String requestLine) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
