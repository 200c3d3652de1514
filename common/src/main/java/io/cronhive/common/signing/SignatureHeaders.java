package io.cronhive.common.signing;

/** Header names carrying a request's signature. */
public final class SignatureHeaders {

	/** Unix milliseconds when the request was signed. */
	public static final String TIMESTAMP = "X-Cronhive-Timestamp";

	/** A random value used once; a verifier refuses a nonce it has seen within the clock window. */
	public static final String NONCE = "X-Cronhive-Nonce";

	/** Base64url HMAC-SHA256 over the canonical request. */
	public static final String SIGNATURE = "X-Cronhive-Signature";

	private SignatureHeaders() {
	}

}
