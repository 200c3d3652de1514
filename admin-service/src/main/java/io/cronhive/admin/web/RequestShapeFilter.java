package io.cronhive.admin.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose method, query encoding, body type or {@code Accept} header the API cannot honour,
 * before security, auditing or any handler runs, so such a request never reaches a transaction: a create answered
 * 406 after its commit, or a container error surfacing as a 500, cannot happen. Every refusal is a problem naming
 * the header or parameter at fault.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestShapeFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestShapeFilter.class);

	static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	private static final List<MediaType> PRODUCED = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Refusal refusal = refusal(request);
		if (refusal == null) {
			chain.doFilter(request, response);
			return;
		}
		log.debug("Refused {} {}: {} {}", request.getMethod(), LogText.of(request.getRequestURI()), refusal.status(),
				LogText.of(refusal.message()));
		if (refusal.status() == HttpStatus.METHOD_NOT_ALLOWED) {
			response.setHeader(HttpHeaders.ALLOW, ALLOW);
		}
		Problems.write(request, response, refusal.status(), refusal.slug(), refusal.title(),
				List.of(new FieldProblem(refusal.field(), refusal.message())));
	}

	private static Refusal refusal(HttpServletRequest request) {
		if (!METHODS.contains(request.getMethod())) {
			return new Refusal(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", "method",
					"is not one of " + ALLOW);
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/v1/")) {
			return null;
		}
		String badParameter = QueryStrings.firstUndecodable(request.getQueryString());
		if (badParameter != null) {
			return new Refusal(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", badParameter,
					"is not valid percent-encoded UTF-8");
		}
		Refusal contentType = contentType(request);
		if (contentType != null) {
			return contentType;
		}
		return path.startsWith("/v1/openapi") ? null : accept(request.getHeader(HttpHeaders.ACCEPT));
	}

	/** JSON is the only body the API reads; wildcards and unparseable types break the converters, so refuse. */
	private static Refusal contentType(HttpServletRequest request) {
		String header = request.getContentType();
		if (header == null) {
			return null;
		}
		boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
		try {
			MediaType type = MediaType.parseMediaType(header);
			boolean json = type.getType().equals("application")
					&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
			if (type.isWildcardType() || type.isWildcardSubtype() || (hasBody && !json)) {
				return unsupported();
			}
			return null;
		}
		catch (InvalidMediaTypeException ex) {
			return unsupported();
		}
	}

	private static Refusal unsupported() {
		return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				"Content-Type", "must be application/json");
	}

	private static Refusal accept(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			for (MediaType accepted : MediaType.parseMediaTypes(header)) {
				if (accepted.getQualityValue() > 0 && PRODUCED.stream().anyMatch(accepted::isCompatibleWith)) {
					return null;
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// unparseable: nothing it names can be produced
		}
		return new Refusal(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", "Accept",
				"must allow application/json (answers) or application/problem+json (refusals)");
	}

	private record Refusal(HttpStatus status, String slug, String title, String field, String message) {
	}

}
