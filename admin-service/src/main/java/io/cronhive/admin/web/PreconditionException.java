package io.cronhive.admin.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Conditional-request failures: 412 when an {@code If-Match} ETag is stale, 428 when an update names no version
 * at all (an unconditional overwrite is how edits get lost).
 */
public class PreconditionException extends ApiException {

	private PreconditionException(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail, List.of(new FieldProblem("version", detail)));
	}

	public static PreconditionException failed(String resource, Object id, String ifMatch, long current) {
		PreconditionException ex = new PreconditionException(HttpStatus.PRECONDITION_FAILED, "stale-version",
				"Stale version", "If-Match " + ifMatch + " does not match the current ETag \"" + current + "\" of "
						+ resource + " " + id + "; reload it and apply your change again");
		ex.with("currentVersion", current);
		return ex;
	}

	public static PreconditionException required(String resource) {
		return new PreconditionException(HttpStatus.PRECONDITION_REQUIRED, "version-required", "Version required",
				"updating a " + resource + " needs the version you read: send \"version\" in the body or an If-Match header");
	}

}
