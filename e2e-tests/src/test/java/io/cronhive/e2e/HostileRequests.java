package io.cronhive.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Hostile requests generated from the OpenAPI document, for every operation: the operation's valid request with
 * an {@code Accept} the API cannot produce or a body type it does not read, each body property and query
 * parameter given a wrong type, a huge number, an instant beyond Unix milliseconds or a malformed percent-escape,
 * duplicate JSON keys, methods nobody routes, and seeded random combinations of all of these.
 */
final class HostileRequests {

	static final String VERSION = "__VERSION__";

	static final List<String> BAD_ACCEPTS = List.of("application/xml", "text/html", "image/png", "text/plain",
			"text/*", "application/pdf", "garbage;;", "application/json;q=0");

	static final List<String> BAD_CONTENT_TYPES = List.of("*/*", "application/*", "multipart/form-data",
			"multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/xml",
			"application/json;charset=nonsense", "not a type");

	static final List<String> BAD_JSON_VALUES = List.of("\"fz\"", "123", "true", "{}", "[]", "null", "1e400",
			"123456789012345678901234567890", "-1", "\"+1000000000-01-01T00:00:00Z\"",
			"\"-1000000000-01-01T00:00:00Z\"", "\"a\\r\\nFORGED-LINE b\"");

	static final List<String> BAD_QUERY_VALUES = List.of("%FF", "%C0%AF", "%", "%zz", "abc", "-1",
			"99999999999999999999", "1e400", "%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "",
			"a%0D%0AFORGED-LINE");

	static final List<String> BAD_METHODS = List.of("CONNECT", "TRACE", "PROPFIND", "FOO");

	private final Random random;

	private final Function<String, String> pathFiller;

	private final Function<Operation, String> validBody;

	HostileRequests(long seed, Function<String, String> pathFiller, Function<Operation, String> validBody) {
		this.random = new Random(seed);
		this.pathFiller = pathFiller;
		this.validBody = validBody;
	}

	/** Every operation of the document, in document order. */
	static List<Operation> operations(JsonNode document) {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
				List<String> query = new ArrayList<>();
				for (JsonNode parameter : op.getValue().path("parameters")) {
					if ("query".equals(parameter.path("in").asString())) {
						query.add(parameter.get("name").asString());
					}
				}
				String ref = op.getValue()
					.path("requestBody")
					.path("content")
					.path("application/json")
					.path("schema")
					.path("$ref")
					.asString("");
				String schema = ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
				List<String> properties = new ArrayList<>();
				if (schema != null) {
					Iterator<String> names = document.at("/components/schemas/" + schema + "/properties")
						.propertyNames()
						.iterator();
					names.forEachRemaining(properties::add);
				}
				operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), query, schema, properties));
			}
		}
		return operations;
	}

	List<Probe> probes(Operation op, int randomCombinations) {
		List<Probe> probes = new ArrayList<>();
		String path = this.pathFiller.apply(op.path());
		for (String accept : BAD_ACCEPTS) {
			probes.add(probe(op, "accept " + accept, op.method(), path, accept, json(op), valid(op)));
		}
		if (op.hasBody()) {
			for (String type : BAD_CONTENT_TYPES) {
				probes.add(probe(op, "content-type " + type, op.method(), path, null, type, valid(op)));
			}
			for (String property : op.properties()) {
				for (String value : BAD_JSON_VALUES) {
					probes.add(probe(op, "body " + property + "=" + value, op.method(), path, null, json(op),
							withProperty(valid(op), property, value)));
				}
			}
			for (Map.Entry<String, String> body : wholeBodies(op).entrySet()) {
				probes.add(probe(op, "body " + body.getKey(), op.method(), path, null, json(op), body.getValue()));
			}
		}
		for (String parameter : op.query()) {
			for (String value : BAD_QUERY_VALUES) {
				probes.add(probe(op, "query " + parameter + "=" + value, op.method(), path + "?" + parameter + "=" + value,
						null, json(op), valid(op)));
			}
		}
		if (op.path().contains("{")) {
			for (String segment : List.of("%FF", "%", "99999999999999999999")) {
				String target = op.path().replaceAll("\\{[^}]+}", segment);
				probes.add(probe(op, "path " + segment, op.method(), target, null, json(op), valid(op)));
			}
		}
		for (String method : BAD_METHODS) {
			probes.add(probe(op, "method " + method, method, path, null, null, null));
		}
		for (int i = 0; i < randomCombinations; i++) {
			probes.add(combination(op, path));
		}
		return probes;
	}

	private Probe combination(Operation op, String path) {
		String accept = this.random.nextBoolean() ? null : pick(BAD_ACCEPTS);
		String type = (!op.hasBody() || this.random.nextBoolean()) ? json(op) : pick(BAD_CONTENT_TYPES);
		String body = valid(op);
		if (op.hasBody() && !op.properties().isEmpty() && this.random.nextBoolean()) {
			body = withProperty(body, pick(op.properties()), pick(BAD_JSON_VALUES));
		}
		String target = path;
		if (!op.query().isEmpty() && this.random.nextBoolean()) {
			target += "?" + pick(op.query()) + "=" + pick(BAD_QUERY_VALUES);
		}
		return probe(op, "random accept=" + accept + " type=" + type + " target=" + target, op.method(), target, accept,
				type, body);
	}

	private Map<String, String> wholeBodies(Operation op) {
		String valid = valid(op);
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("empty", "");
		bodies.put("truncated", valid.substring(0, valid.length() / 2));
		bodies.put("null", "null");
		bodies.put("array", "[]");
		bodies.put("string", "\"fz\"");
		bodies.put("object", "{}");
		bodies.put("nested", "[".repeat(5000) + "]".repeat(5000));
		if (!op.properties().isEmpty() && valid.startsWith("{") && valid.length() > 2) {
			String key = lastKey(valid);
			bodies.put("duplicate last key", valid.substring(0, valid.length() - 1) + ",\"" + key + "\":\"again\"}");
			bodies.put("duplicate unknown key", valid.substring(0, valid.length() - 1) + ",\"zz\":1,\"zz\":2}");
		}
		return bodies;
	}

	private String valid(Operation op) {
		return op.hasBody() ? this.validBody.apply(op) : null;
	}

	private static String json(Operation op) {
		return op.hasBody() ? "application/json" : null;
	}

	private static String withProperty(String body, String property, String value) {
		String inner = body.substring(1, body.length() - 1).trim();
		// The property first, then the valid ones: a duplicate when the valid body has it too (refused as such).
		return "{\"" + property + "\":" + value + (inner.isEmpty() ? "" : "," + inner) + "}";
	}

	private static String lastKey(String json) {
		int end = json.lastIndexOf("\":");
		int start = json.lastIndexOf('"', end - 1);
		return json.substring(start + 1, end);
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private static Probe probe(Operation op, String kind, String method, String target, String accept,
			String contentType, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (accept != null) {
			headers.put("Accept", accept);
		}
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		return new Probe(op, kind, method, target, headers,
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null);
	}

	/** One operation of the document: its method, path template, query parameters and body schema. */
	record Operation(String method, String path, List<String> query, String schema, List<String> properties) {

		boolean hasBody() {
			return this.schema != null;
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/** One generated request. */
	record Probe(Operation operation, String kind, String method, String target, Map<String, String> headers,
			byte[] body) {

		boolean isWrite() {
			return List.of("POST", "PUT", "PATCH", "DELETE").contains(this.method);
		}

		@Override
		public String toString() {
			return this.method + " " + this.target + " [" + this.operation + ": " + this.kind + "]";
		}

	}

}
