package io.cronhive.gateway.auth;

/** The keys to check a token with could not be fetched: the gateway answers 503 rather than guessing. */
class JwksUnavailableException extends RuntimeException {

	JwksUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
