package io.cronhive.admin.auth;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import io.cronhive.admin.web.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problems, like every other refusal of the API. They are written by the security
 * filters, before any controller or {@code @RestControllerAdvice} runs, hence their own writer.
 */
final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> {
			boolean tokenSent = ex instanceof InvalidBearerTokenException
					|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
			String detail = tokenSent ? "the bearer token is invalid, expired or revoked; log in again"
					: "this endpoint needs Authorization: Bearer <token>; get one from POST /v1/auth/login";
			write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
		};
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"your role does not allow " + request.getMethod() + " " + request.getRequestURI());
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ApiException.TYPE_BASE + slug);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(problem));
	}

}
