package io.cronhive.admin.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem document straight to the servlet response, for refusals made before Spring MVC runs (filters,
 * the container's own errors), in the same shape as {@link ProblemHandler}'s.
 */
final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
			String title, List<FieldProblem> errors) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(body(status, slug, title, request.getRequestURI(), errors));
		response.flushBuffer();
	}

	static byte[] body(HttpStatus status, String slug, String title, String instance, List<FieldProblem> errors) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ApiException.TYPE_BASE + slug);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", errors.isEmpty() ? title
				: errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		if (instance != null) {
			problem.put("instance", instance);
		}
		if (!errors.isEmpty()) {
			problem.put("errors", errors);
		}
		return JSON.writeValueAsBytes(problem);
	}

}
