package io.cronhive.admin.user;

import jakarta.validation.constraints.NotNull;

/**
 * A user's change of their own password; the current one proves it is them and not a stolen token.
 *
 * @param currentPassword the password now in force
 * @param newPassword the replacement (see {@link PasswordPolicy})
 */
record ChangePasswordRequest(@NotNull String currentPassword, @NotNull String newPassword) {

	@Override
	public String toString() {
		return "ChangePasswordRequest[***]";
	}

}
