package io.cronhive.admin.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cronhive.common.cron.InvalidCronException;
import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problems: domain refusals, bean validation, unreadable JSON and
 * Spring MVC's own errors all answer {@code application/problem+json} with a stable {@code type} and, where a
 * field is at fault, an {@code errors} list naming it.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	// Jackson's wording for a key given twice: Duplicate Object property "name" (quotes vary by version).
	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate [^\"']*[\"']([^\"']{0,200})[\"']");

	private static final URI INVALID = URI.create(ApiException.TYPE_BASE + "invalid-request");

	// A database in trouble fails every request at once: one line per kind and interval.
	private final LogStorm databaseTrouble = new LogStorm(Duration.ofSeconds(10));

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setType(ex.type());
		problem.setTitle(ex.title());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		ex.properties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler(InvalidCronException.class)
	ResponseEntity<ProblemDetail> invalidCron(InvalidCronException ex) {
		return api(new InvalidRequestException(ex.field(), ex.getMessage()));
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> optimisticLock(OptimisticLockingFailureException ex) {
		String detail = "the resource was changed by someone else while you updated it; reload it and apply your change again";
		return api(new ConflictException("stale-version", "Stale version", detail,
				List.of(new FieldProblem("version", detail))));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		// Reached only when a concurrent request won a race the service had checked for; no SQL in the answer.
		log.info("Refused a write that violates a database constraint: {}",
				LogText.of(ex.getMostSpecificCause().getMessage()));
		return api(new ConflictException("conflict", "Conflict",
				"the change conflicts with data written concurrently (a duplicate or a removed reference); reload and retry",
				List.of()));
	}

	/** A parameter the container could not decode (normally refused earlier by {@link RequestShapeFilter}). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameter(InvalidParameterException ex) {
		log.debug("Refused a request with an undecodable parameter: {}", LogText.of(ex.getMessage()));
		return invalid(List.of(new FieldProblem("query", "is not valid percent-encoded UTF-8")));
	}

	/** The API reads no multipart bodies; a malformed one (no boundary) is the client's error. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
		return api(new UnsupportedMediaTypeException());
	}

	/**
	 * A body Jackson parsed but could not bind (a JSON shape the target type cannot take): the client's error,
	 * where Spring's default would call it a server failure.
	 */
	@ExceptionHandler(HttpMessageConversionException.class)
	ResponseEntity<Object> unconvertible(HttpMessageConversionException ex) {
		log.debug("Refused a body that cannot be bound: {}", LogText.of(ex.getMessage()));
		String field = jsonPath(ex);
		return invalid(List.of(new FieldProblem(field.isEmpty() ? "body" : field, "cannot be read as this request")));
	}

	/**
	 * A lock wait or statement that timed out (the embedded database under load, a long lock held by the
	 * scheduler): the transaction was rolled back, so nothing changed and the client can simply try again.
	 */
	@ExceptionHandler({ PessimisticLockingFailureException.class, QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> databaseBusy(DataAccessException ex) {
		logUnavailable("busy", ex);
		return unavailable("database-busy", "Database busy",
				"the database was too busy to take this request in time; nothing was changed, try again", 1);
	}

	/** The database cannot be reached: say so, rather than fail as if the server were broken. */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		logUnavailable("unreachable", ex);
		return unavailable("database-unavailable", "Database unavailable",
				"the database cannot be reached right now; try again shortly", 5);
	}

	private void logUnavailable(String kind, Exception ex) {
		LogStorm.Line line = this.databaseTrouble.occurred(kind);
		if (line != null) {
			log.warn("Answered 503, the database is {}{}: {}", kind, (line.count() > 1) ? " (" + line.count() + " times)" : "",
					LogText.of(NestedExceptionUtils.getMostSpecificCause(ex).getMessage()));
		}
	}

	private static ResponseEntity<ProblemDetail> unavailable(String type, String title, String detail, int retryAfterSeconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setType(URI.create(ApiException.TYPE_BASE + type));
		problem.setTitle(title);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
			.body(problem);
	}

	/**
	 * Anything unexpected: a 500 problem that names no internals, with the stack trace in the log once. Security
	 * exceptions are passed on untouched, so access rules keep answering 401/403.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
		if (ex.getClass().getName().startsWith("org.springframework.security.")) {
			throw ex;
		}
		log.error("Unexpected failure while handling a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"the server failed to handle this request; the failure is logged");
		problem.setType(URI.create(ApiException.TYPE_BASE + "internal-error"));
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((e) -> new FieldProblem(e.getField(), e.getDefaultMessage()))
			.toList();
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((r) -> r.getResolvableErrors()
				.stream()
				.map((e) -> new FieldProblem(r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
			.toList();
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String duplicate = duplicateKey(ex);
		if (duplicate != null) {
			return invalid(List.of(new FieldProblem(duplicate, "appears more than once")));
		}
		String field = jsonPath(ex);
		String message = (field.isEmpty()) ? "the body is not valid JSON for this request"
				: "has the wrong type or an unknown value";
		return invalid(List.of(new FieldProblem(field.isEmpty() ? "body" : field, message)));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return invalid(List.of(new FieldProblem(field, "'" + ex.getValue() + "' is not a valid " + expected)));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(List.of(new FieldProblem(ex.getParameterName(), "is required")));
	}

	private ResponseEntity<Object> invalid(List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		problem.setType(INVALID);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** The key a body repeats (refused by strict duplicate detection), or null. */
	private static String duplicateKey(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof StreamReadException) {
				Matcher matcher = DUPLICATE.matcher(String.valueOf(t.getMessage()));
				if (matcher.find()) {
					return LogText.of(matcher.group(1));
				}
			}
		}
		return null;
	}

	private static String jsonPath(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				return jackson.getPath()
					.stream()
					.map((r) -> (r.getPropertyName() != null) ? r.getPropertyName() : "[" + r.getIndex() + "]")
					.collect(Collectors.joining("."))
					.replace(".[", "[");
			}
		}
		return "";
	}

}
