package io.cronhive.master.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import io.cronhive.common.signing.SignatureVerifier.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every {@code /internal/**} request that is not signed with the cluster secret (401 problem+json),
 * because run reports decide what operators see and a forged one could hide a failure. The body is read once
 * here, verified over its exact bytes, and replayed to the controller.
 */
@Component
class SignedRequestFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(SignedRequestFilter.class);

	// Run reports carry capped output; anything far larger is not a worker speaking.
	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private final SignatureVerifier verifier;

	SignedRequestFilter(SignatureVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/internal/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		String pathAndQuery = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		Verdict verdict = (body.length > MAX_BODY_BYTES) ? Verdict.UNSIGNED
				: this.verifier.verify(request.getMethod(), pathAndQuery, body,
						request.getHeader(SignatureHeaders.TIMESTAMP), request.getHeader(SignatureHeaders.NONCE),
						request.getHeader(SignatureHeaders.SIGNATURE));
		if (verdict != Verdict.VALID) {
			logger.warn("Refused {} {} from {}: signature {}", request.getMethod(), pathAndQuery,
					request.getRemoteAddr(), verdict);
			unauthorized(response, verdict);
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private static void unauthorized(HttpServletResponse response, Verdict verdict) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setContentType("application/problem+json");
		String detail = switch (verdict) {
			case UNSIGNED -> "The request is not signed with the cluster secret.";
			case STALE -> "The request signature is outside the accepted clock window.";
			case REPLAYED -> "The request nonce was already used.";
			default -> "The request signature does not match.";
		};
		String json = "{\"type\":\"https://cronhive.io/problems/unauthenticated\",\"title\":\"Unauthorized\","
				+ "\"status\":401,\"detail\":\"" + detail + "\",\"verdict\":\"" + verdict.name().toLowerCase()
				+ "\"}";
		response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Serves the already-read body to the rest of the chain. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous body only");
				}
			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
