package io.cronhive.admin.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API explains: it becomes an RFC 9457 problem with a stable {@code type}, so clients can branch
 * on the type instead of parsing the detail text. Feature packages throw the subclasses.
 */
public abstract class ApiException extends RuntimeException {

	/** Prefix of every problem type this API answers with. */
	public static final String TYPE_BASE = "https://cronhive.io/problems/";

	private final HttpStatus status;

	private final String typeSlug;

	private final String title;

	private final List<FieldProblem> errors;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected ApiException(HttpStatus status, String typeSlug, String title, String detail, List<FieldProblem> errors) {
		super(detail);
		this.status = status;
		this.typeSlug = typeSlug;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	/** Adds an extension member to the problem (e.g. the unknown ids). */
	public ApiException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public HttpStatus status() {
		return this.status;
	}

	public URI type() {
		return URI.create(TYPE_BASE + this.typeSlug);
	}

	public String title() {
		return this.title;
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
