package io.cronhive.admin.auth;

import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /v1/auth/login} body (DESIGN §3).
 *
 * @param username login name
 * @param password password
 */
record LoginRequest(@NotNull String username, @NotNull String password) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + "]";
	}

}
