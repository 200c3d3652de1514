package io.cronhive.worker.run;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP job's request: a bare URL means GET, or a JSON object
 * {@code {"method","url","headers","body","expectStatus","timeoutMs"}}.
 *
 * @param method HTTP method, upper case
 * @param url absolute http or https URL
 * @param headers request headers
 * @param body request body, or null
 * @param expectStatus the status that means success, or null for any 2xx
 * @param timeoutMs request timeout, or null to use the run's
 */
record HttpTarget(String method, URI url, Map<String, String> headers, String body, Integer expectStatus,
		Long timeoutMs) {

	static HttpTarget parse(String target, JsonMapper mapper) {
		String text = (target != null) ? target.trim() : "";
		if (text.isEmpty()) {
			throw new IllegalArgumentException("the target is empty; give a URL or a JSON request");
		}
		if (!text.startsWith("{")) {
			return new HttpTarget("GET", url(text), Map.of(), null, null, null);
		}
		Json json;
		try {
			json = mapper.readValue(text, Json.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the target is not a valid JSON request: " + ex.getOriginalMessage());
		}
		if (json.url() == null || json.url().isBlank()) {
			throw new IllegalArgumentException("the JSON request has no \"url\"");
		}
		String method = (json.method() != null && !json.method().isBlank()) ? json.method().trim().toUpperCase(Locale.ROOT) : "GET";
		return new HttpTarget(method, url(json.url().trim()), (json.headers() != null) ? json.headers() : Map.of(),
				json.body(), json.expectStatus(), json.timeoutMs());
	}

	private static URI url(String text) {
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new IllegalArgumentException("'" + text + "' is not an absolute http or https URL");
		}
		return uri;
	}

	/** The JSON form as users write it. */
	record Json(String method, String url, Map<String, String> headers, String body, Integer expectStatus,
			Long timeoutMs) {
	}

}
