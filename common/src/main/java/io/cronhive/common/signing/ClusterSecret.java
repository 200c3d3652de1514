package io.cronhive.common.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cluster's shared signing key. There is no default: a service without a secret of at least 32 bytes
 * refuses to start, because an unauthenticated worker is remote code execution on its host.
 */
public final class ClusterSecret {

	/** Minimum key length: 256 bits, the HMAC-SHA256 block strength. */
	public static final int MIN_BYTES = 32;

	/** The environment variable operators set. */
	public static final String ENV = "CRONHIVE_CLUSTER_SECRET";

	private final byte[] key;

	private ClusterSecret(byte[] key) {
		this.key = key;
	}

	/**
	 * Builds the secret from configuration.
	 * @throws IllegalStateException with an operator-readable message when missing or too short
	 */
	public static ClusterSecret of(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"No cluster secret configured. Set " + ENV + " (property cronhive.cluster-secret) to the same "
							+ "random value of at least " + MIN_BYTES + " bytes on every master and worker, e.g. "
							+ "'openssl rand -base64 48'. There is no default on purpose.");
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_BYTES) {
			throw new IllegalStateException("The cluster secret (" + ENV + ") is " + bytes.length
					+ " bytes; it must be at least " + MIN_BYTES + " bytes. Generate one with 'openssl rand -base64 48'.");
		}
		return new ClusterSecret(bytes);
	}

	byte[] key() {
		return Arrays.copyOf(this.key, this.key.length);
	}

	@Override
	public String toString() {
		return "ClusterSecret[****]";
	}

}
