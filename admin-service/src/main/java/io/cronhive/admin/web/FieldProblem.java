package io.cronhive.admin.web;

/**
 * One rejected input, as listed in a problem's {@code errors} extension, so a client can point at the field.
 *
 * @param field the request field (JSON property or query parameter) as the client spelled it
 * @param message why it was rejected
 */
public record FieldProblem(String field, String message) {

}
