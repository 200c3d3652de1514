package io.cronhive.common.signing;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** Signs outgoing master-worker requests with the cluster secret. Thread-safe. */
public final class RequestSigner {

	private final ClusterSecret secret;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public RequestSigner(ClusterSecret secret, Clock clock) {
		this.secret = secret;
		this.clock = clock;
	}

	/**
	 * Signs one request.
	 * @param method HTTP method
	 * @param pathAndQuery the raw path plus {@code ?query} if any, exactly as sent
	 * @param body the exact body bytes, or an empty array
	 */
	public RequestSignature sign(String method, String pathAndQuery, byte[] body) {
		byte[] nonceBytes = new byte[18];
		this.random.nextBytes(nonceBytes);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
		long now = this.clock.millis();
		return new RequestSignature(now, nonce, CanonicalRequest.hmac(this.secret, method, pathAndQuery, body, now, nonce));
	}

}
