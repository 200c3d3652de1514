package io.cronhive.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies incoming master-worker requests: a valid HMAC, a timestamp within the clock window, and a nonce
 * not seen before within that window (so a captured request cannot be replayed). Thread-safe.
 */
public final class SignatureVerifier {

	private final ClusterSecret secret;

	private final Clock clock;

	private final long windowMs;

	private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();

	public SignatureVerifier(ClusterSecret secret, Clock clock, Duration window) {
		this.secret = secret;
		this.clock = clock;
		this.windowMs = window.toMillis();
	}

	/**
	 * Checks one request.
	 * @return {@link Verdict#VALID} or the reason it is refused
	 */
	public Verdict verify(String method, String pathAndQuery, byte[] body, String timestampHeader, String nonce,
			String signature) {
		if (timestampHeader == null || nonce == null || signature == null || nonce.isEmpty() || nonce.length() > 128) {
			return Verdict.UNSIGNED;
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(timestampHeader);
		}
		catch (NumberFormatException ex) {
			return Verdict.UNSIGNED;
		}
		long now = this.clock.millis();
		if (Math.abs(now - timestamp) > this.windowMs) {
			return Verdict.STALE;
		}
		String expected = CanonicalRequest.hmac(this.secret, method, pathAndQuery, body, timestamp, nonce);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.BAD_SIGNATURE;
		}
		// Only a correctly signed request may consume a nonce, so forgeries cannot block real ones.
		if (this.seenNonces.putIfAbsent(nonce, timestamp) != null) {
			return Verdict.REPLAYED;
		}
		forgetExpired(now);
		return Verdict.VALID;
	}

	private void forgetExpired(long now) {
		if (this.seenNonces.size() < 1024 && (now & 0xFF) != 0) {
			return;
		}
		for (Iterator<Long> it = this.seenNonces.values().iterator(); it.hasNext();) {
			// Twice the window: a nonce older than that fails the timestamp check anyway.
			if (now - it.next() > 2 * this.windowMs) {
				it.remove();
			}
		}
	}

	/** Outcome of a verification; everything but {@link #VALID} is answered with 401. */
	public enum Verdict {

		VALID, UNSIGNED, STALE, BAD_SIGNATURE, REPLAYED

	}

}
