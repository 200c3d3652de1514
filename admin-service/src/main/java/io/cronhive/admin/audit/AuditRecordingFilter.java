package io.cronhive.admin.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cronhive.admin.web.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records every successful write under {@code /v1} (except login) in the audit trail, in one place, so a new
 * endpoint is audited without its author remembering to. Runs inside Spring Security, so the caller is known.
 * Request bodies are not stored (they hold passwords, scripts, tokens), except the job ids of a scheduling batch.
 */
class AuditRecordingFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditRecordingFilter.class);

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	// A batch start/stop names its jobs only in the body; the ids are worth keeping, the rest is small.
	private static final Set<String> BODY_KEPT = Set.of("schedulers");

	private static final int BODY_LIMIT = 1024;

	private static final Map<String, String> SCHEDULER_ACTIONS = Map.of("POST", "start", "DELETE", "stop");

	private final AuditTrail trail;

	AuditRecordingFilter(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !WRITES.contains(request.getMethod()) || !path.startsWith("/v1/") || path.equals("/v1/auth/login");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = Arrays.stream(path.substring("/v1/".length()).split("/"))
			.filter((s) -> !s.isEmpty())
			.toArray(String[]::new);
		int typeLength = (segments.length > 1 && segments[0].equals("auth")) ? 2 : 1;
		String entityType = String.join("/", Arrays.copyOf(segments, Math.min(typeLength, segments.length)));
		HttpServletRequest wrapped = BODY_KEPT.contains(entityType)
				? new ContentCachingRequestWrapper(request, BODY_LIMIT) : request;
		chain.doFilter(wrapped, response);
		int status = response.getStatus();
		Principal principal = request.getUserPrincipal();
		if (status < 200 || status >= 300 || principal == null) {
			return;
		}
		try {
			String entityId = (segments.length > typeLength) ? segments[typeLength] : fromLocation(response);
			if ("me".equals(entityId) && entityType.equals("users")) {
				entityId = principal.getName();
			}
			String action = action(request.getMethod(), entityType, segments, typeLength);
			String detail = request.getMethod() + " " + path
					+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "") + " -> " + status
					+ body(wrapped);
			this.trail.record(principal.getName(), action, entityType, entityId, detail);
		}
		catch (RuntimeException ex) {
			// The change itself has been made and answered; a lost audit line must be loud, not a failed request.
			log.error("Could not record audit event for {} {} by {}", request.getMethod(), LogText.of(path),
					LogText.of(principal.getName()),
					ex);
		}
	}

	private static String action(String method, String entityType, String[] segments, int typeLength) {
		if (segments.length > typeLength + 1) {
			return segments[segments.length - 1]; // an operation on a resource: /v1/jobs/7/run -> run
		}
		if (entityType.equals("schedulers")) {
			return SCHEDULER_ACTIONS.getOrDefault(method, method.toLowerCase());
		}
		return switch (method) {
			case "POST" -> "create";
			case "DELETE" -> "delete";
			default -> "update";
		};
	}

	private static String fromLocation(HttpServletResponse response) {
		String location = response.getHeader(HttpHeaders.LOCATION);
		if (location == null || location.isBlank()) {
			return null;
		}
		String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	private static String body(HttpServletRequest request) {
		if (!(request instanceof ContentCachingRequestWrapper cached)) {
			return "";
		}
		String body = new String(cached.getContentAsByteArray(), StandardCharsets.UTF_8).strip();
		return body.isEmpty() ? "" : " " + body;
	}

}
