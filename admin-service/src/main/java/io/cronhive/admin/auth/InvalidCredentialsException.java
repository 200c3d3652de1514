package io.cronhive.admin.auth;

import java.util.List;

import io.cronhive.admin.web.ApiException;

import org.springframework.http.HttpStatus;

/** A failed login: one answer for an unknown user, a wrong password and a disabled user alike. */
class InvalidCredentialsException extends ApiException {

	InvalidCredentialsException() {
		super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"the username or password is wrong", List.of());
	}

}
