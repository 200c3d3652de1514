package io.cronhive.admin.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A body in a type the API does not read: every body is JSON. */
class UnsupportedMediaTypeException extends ApiException {

	UnsupportedMediaTypeException() {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				"Content-Type: must be application/json",
				List.of(new FieldProblem("Content-Type", "must be application/json")));
	}

}
