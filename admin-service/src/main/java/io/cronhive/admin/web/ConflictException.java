package io.cronhive.admin.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request that is well-formed but clashes with the current state: a duplicate name, a stale version, a
 * group still in use. The slug distinguishes the kinds for clients.
 */
public class ConflictException extends ApiException {

	public ConflictException(String typeSlug, String title, String detail, List<FieldProblem> errors) {
		super(HttpStatus.CONFLICT, typeSlug, title, detail, errors);
	}

	/** A unique field whose value is already taken. */
	public static ConflictException duplicate(String field, String resource, Object value) {
		String detail = "a " + resource + " with " + field + " '" + value + "' already exists";
		return new ConflictException("duplicate", "Duplicate value", detail, List.of(new FieldProblem(field, detail)));
	}

	/** An update based on a version that is no longer current. */
	public static ConflictException staleVersion(String resource, Object id, long expected, long current) {
		String detail = resource + " " + id + " was changed by someone else: you sent version " + expected
				+ " but the current version is " + current + "; reload it and apply your change again";
		ConflictException ex = new ConflictException("stale-version", "Stale version", detail,
				List.of(new FieldProblem("version", detail)));
		ex.with("currentVersion", current);
		return ex;
	}

}
