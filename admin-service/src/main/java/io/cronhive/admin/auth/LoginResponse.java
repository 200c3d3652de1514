package io.cronhive.admin.auth;

import java.time.Instant;

/**
 * {@code POST /v1/auth/login} answer (DESIGN §3): the bearer token and when it expires.
 *
 * @param token the compact JWT to send as {@code Authorization: Bearer <token>}
 * @param expiresAt ISO-8601 instant
 */
record LoginResponse(String token, Instant expiresAt) {

}
