package io.cronhive.admin.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A resource addressed by id that does not exist: a 404 problem saying which. */
public class NotFoundException extends ApiException {

	public NotFoundException(String resource, Object id) {
		super(HttpStatus.NOT_FOUND, "not-found", "Not found", resource + " " + id + " does not exist", List.of());
		with("resource", resource);
		with("id", id);
	}

	protected NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, List.of());
	}

}
