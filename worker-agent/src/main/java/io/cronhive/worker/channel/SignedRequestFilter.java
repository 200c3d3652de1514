package io.cronhive.worker.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import io.cronhive.common.signing.SignatureVerifier.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request on {@code /internal/**} that is not signed with the cluster secret, before any
 * controller sees it: the agent runs arbitrary code, so an unauthenticated request must never reach one. The
 * HMAC covers the method, the raw path and query, and the exact body bytes, which are buffered here and handed
 * on unchanged.
 */
class SignedRequestFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(SignedRequestFilter.class);

	/** Dispatched scripts are small; a megabyte leaves room while bounding what an unsigned caller can send. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private final SignatureVerifier verifier;

	private final MeterRegistry meters;

	SignedRequestFilter(SignatureVerifier verifier, MeterRegistry meters) {
		this.verifier = verifier;
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			writeProblem(response, request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request-too-large",
					"Payload Too Large", "Request bodies are limited to " + MAX_BODY_BYTES + " bytes.");
			return;
		}
		String query = request.getQueryString();
		String pathAndQuery = request.getRequestURI() + ((query != null) ? "?" + query : "");
		Verdict verdict = this.verifier.verify(request.getMethod(), pathAndQuery, body,
				request.getHeader(SignatureHeaders.TIMESTAMP), request.getHeader(SignatureHeaders.NONCE),
				request.getHeader(SignatureHeaders.SIGNATURE));
		if (verdict != Verdict.VALID) {
			// A steady rate means a secret mismatch after a rotation, or someone probing the agent.
			this.meters.counter("cronhive.worker.signature.refusals", "reason", verdict.name().toLowerCase(java.util.Locale.ROOT))
				.increment();
			logger.warn("Refused {} {} from {}: signature {}", request.getMethod(), request.getRequestURI(),
					request.getRemoteAddr(), verdict);
			writeProblem(response, request, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated", "Unauthorized",
					"The request is not signed with the cluster secret (" + describe(verdict) + ").");
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private static String describe(Verdict verdict) {
		return switch (verdict) {
			case UNSIGNED -> "signature headers missing";
			case STALE -> "timestamp outside the accepted clock window";
			case BAD_SIGNATURE -> "signature does not match";
			case REPLAYED -> "nonce already used";
			case VALID -> "valid";
		};
	}

	private static void writeProblem(HttpServletResponse response, HttpServletRequest request, int status,
			String type, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		String json = "{\"type\":\"https://cronhive.io/problems/" + type + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\""
				+ jsonEscape(request.getRequestURI()) + "\"}";
		response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String jsonEscape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
