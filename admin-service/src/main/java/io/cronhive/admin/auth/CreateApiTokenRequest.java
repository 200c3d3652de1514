package io.cronhive.admin.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new API token.
 *
 * @param name what the token is for ("ci-deploy"), shown in the list
 * @param ttlDays lifetime in days; absent: {@code cronhive.auth.api-token-ttl}
 * @param username whose token it is; only an admin may name someone else (absent: the caller)
 */
record CreateApiTokenRequest(@NotBlank @Size(max = 64) String name, @Min(1) @Max(3650) Integer ttlDays,
		String username) {

}
