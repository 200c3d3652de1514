package io.cronhive.common.signing;

/** The three header values that authenticate one request. */
public record RequestSignature(long timestampMs, String nonce, String signature) {
}
