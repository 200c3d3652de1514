package io.cronhive.admin.auth;

import java.time.Duration;
import java.util.List;

import io.cronhive.admin.web.ApiException;

import org.springframework.http.HttpStatus;

/** A login refused without looking at the password, because this name failed too often from this client. */
class TooManyLoginAttemptsException extends ApiException {

	TooManyLoginAttemptsException(Duration wait) {
		super(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many login attempts",
				"too many failed logins; retry in " + Math.max(1, wait.toSeconds()) + " s", List.of());
		with("retryAfterSeconds", Math.max(1, wait.toSeconds()));
	}

}
