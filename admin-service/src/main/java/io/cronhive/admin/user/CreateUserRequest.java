package io.cronhive.admin.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A new user, created by an admin.
 *
 * @param username login name: letters, digits, {@code . _ @ -}, at most 64
 * @param password initial password (see {@link PasswordPolicy})
 * @param role admin, operator or viewer
 */
record CreateUserRequest(@NotBlank @Pattern(regexp = UpdateUserRequest.USERNAME,
		message = "must be 1 to 64 letters, digits or . _ @ -") String username, @NotNull String password,
		@NotNull Role role) {

	@Override
	public String toString() {
		return "CreateUserRequest[username=" + this.username + ", role=" + this.role + "]";
	}

}
