package io.cronhive.admin.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/** Input that breaks a rule the API checks itself (cron, target, references): a 400 naming each field. */
public class InvalidRequestException extends ApiException {

	public InvalidRequestException(List<FieldProblem> errors) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", summary(errors), errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	private static String summary(List<FieldProblem> errors) {
		return errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
	}

}
