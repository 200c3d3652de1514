package io.cronhive.admin.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cronhive.admin.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks and normalises the target of an http job: a bare http(s) URL (a GET), or a request object
 * {@code {"method","url","headers","body","expectStatus","timeoutMs"}} given as JSON or as JSON text. The
 * object is stored as compact JSON text, which is what workers read.
 */
final class HttpTargets {

	static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

	private static final Set<String> FIELDS = Set.of("method", "url", "headers", "body", "expectStatus", "timeoutMs");

	private HttpTargets() {
	}

	/** Returns the text to store, or null after adding problems. */
	static String normalise(JsonNode target, JsonMapper json, List<FieldProblem> errors) {
		JsonNode request = target;
		if (target.isString()) {
			String text = target.asString().trim();
			if (!text.startsWith("{")) {
				return checkUrl(text, "target", errors) ? text : null;
			}
			try {
				request = json.readTree(text);
			}
			catch (RuntimeException ex) {
				errors.add(new FieldProblem("target", "looks like a JSON request object but is not valid JSON"));
				return null;
			}
		}
		if (!(request instanceof ObjectNode object)) {
			errors.add(new FieldProblem("target", "an http target is a URL or an object {method, url, headers, body, expectStatus, timeoutMs}"));
			return null;
		}
		int before = errors.size();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			if (!FIELDS.contains(field.getKey())) {
				errors.add(new FieldProblem("target." + field.getKey(), "is not a field of an http target; allowed: " + String.join(", ", FIELDS)));
			}
		}
		JsonNode url = object.get("url");
		if (url == null || !url.isString()) {
			errors.add(new FieldProblem("target.url", "is required and must be a string"));
		}
		else {
			checkUrl(url.asString().trim(), "target.url", errors);
		}
		JsonNode method = object.get("method");
		if (method != null && !method.isNull()) {
			String m = method.isString() ? method.asString().trim().toUpperCase(Locale.ROOT) : "";
			if (!METHODS.contains(m)) {
				errors.add(new FieldProblem("target.method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList())));
			}
			else {
				object.put("method", m);
			}
		}
		JsonNode headers = object.get("headers");
		if (headers != null && !headers.isNull()) {
			boolean valid = headers.isObject();
			if (valid) {
				for (Map.Entry<String, JsonNode> h : headers.properties()) {
					valid &= h.getValue().isString() && !h.getKey().isBlank();
				}
			}
			if (!valid) {
				errors.add(new FieldProblem("target.headers", "must be an object of header names to string values"));
			}
		}
		JsonNode body = object.get("body");
		if (body != null && !body.isNull() && !body.isString()) {
			// A JSON body may be given as JSON; it is sent as its text.
			object.put("body", json.writeValueAsString(body));
		}
		JsonNode expect = object.get("expectStatus");
		if (expect != null && !expect.isNull() && !(expect.canConvertToInt() && expect.isIntegralNumber()
				&& expect.asInt() >= 100 && expect.asInt() <= 599)) {
			errors.add(new FieldProblem("target.expectStatus", "must be an HTTP status between 100 and 599"));
		}
		JsonNode timeout = object.get("timeoutMs");
		if (timeout != null && !timeout.isNull() && !(timeout.isIntegralNumber() && timeout.asLong() >= 0)) {
			errors.add(new FieldProblem("target.timeoutMs", "must be a whole number of milliseconds, 0 or more"));
		}
		return (errors.size() == before) ? json.writeValueAsString(object) : null;
	}

	private static boolean checkUrl(String text, String field, List<FieldProblem> errors) {
		try {
			URI uri = new URI(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()) {
				return true;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		errors.add(new FieldProblem(field, "'" + abbreviate(text) + "' is not an absolute http(s) URL with a host"));
		return false;
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

}
