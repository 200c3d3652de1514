package io.cronhive.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The exact bytes that are signed: method, path with query, SHA-256 of the body, timestamp and nonce, one
 * per line. Signer and verifier share this one definition so they cannot drift apart.
 */
final class CanonicalRequest {

	private CanonicalRequest() {
	}

	static String hmac(ClusterSecret secret, String method, String pathAndQuery, byte[] body, long timestampMs,
			String nonce) {
		String canonical = method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathAndQuery + "\n" + sha256Hex(body)
				+ "\n" + timestampMs + "\n" + nonce;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", ex);
		}
	}

	static String sha256Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((body != null) ? body : new byte[0]));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable in this JVM", ex);
		}
	}

}
