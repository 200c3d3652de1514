package io.cronhive.admin.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API token as listed; {@code token} is present only in the answer to its creation, the one time it is shown.
 *
 * @param id the token's id (its {@code jti})
 * @param name what it is for
 * @param username whose it is
 * @param createTime when it was created
 * @param expiresAt when it stops working
 * @param lastUsedAt last use, to the minute
 * @param revoked whether it was revoked
 * @param token the token itself, only once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiTokenView(long id, String name, String username, Instant createTime, Instant expiresAt,
		Instant lastUsedAt, boolean revoked, String token) {

	static ApiTokenView from(ApiToken token, String username, String secret) {
		return new ApiTokenView(token.getId(), token.getName(), username, Instant.ofEpochMilli(token.getCreatedAt()),
				(token.getExpiresAt() != null) ? Instant.ofEpochMilli(token.getExpiresAt()) : null,
				(token.getLastUsedAt() != null) ? Instant.ofEpochMilli(token.getLastUsedAt()) : null,
				token.isRevoked(), secret);
	}

}
