package io.cronhive.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user of the public API: logs in through the gateway and sends JSON with the bearer token. */
final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private String token;

	ApiClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	ApiClient login(String username, String password) throws Exception {
		Response response = send("POST", "/v1/auth/login",
				JSON.writeValueAsString(java.util.Map.of("username", username, "password", password)));
		if (response.status() != 200) {
			throw new IllegalStateException("login failed: " + response);
		}
		this.token = response.json().get("token").asString();
		return this;
	}

	/** Uses a token as it is, without logging in (to prove forged ones are refused). */
	ApiClient withToken(String token) {
		this.token = token;
		return this;
	}

	Response get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	Response post(String path, Object body) throws IOException, InterruptedException {
		return send("POST", path, (body instanceof String s) ? s : JSON.writeValueAsString(body));
	}

	Response delete(String path, Object body) throws IOException, InterruptedException {
		return send("DELETE", path, (body == null) ? null : JSON.writeValueAsString(body));
	}

	Response send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json, application/problem+json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	/** An answer: status, content type and body, with the body parsed on demand. */
	record Response(int status, String contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
