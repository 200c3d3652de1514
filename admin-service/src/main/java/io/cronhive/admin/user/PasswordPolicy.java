package io.cronhive.admin.user;

import java.nio.charset.StandardCharsets;

import io.cronhive.admin.web.InvalidRequestException;

/**
 * The rule every password meets. Twelve characters is the floor DESIGN §7 sets for the first admin too; 72
 * bytes is where BCrypt stops reading, so a longer password would only look stronger than it is.
 */
public final class PasswordPolicy {

	/** Shortest password accepted. */
	public static final int MIN_LENGTH = 12;

	/** Longest password accepted, in UTF-8 bytes (BCrypt's limit). */
	public static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** The reason the password is refused, or {@code null} when it is acceptable. */
	public static String problem(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "must be at least " + MIN_LENGTH + " characters long";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "must be at most " + MAX_BYTES + " bytes long (UTF-8)";
		}
		if (password.isBlank()) {
			return "must not be blank";
		}
		return null;
	}

	static void check(String field, String password) {
		String problem = problem(password);
		if (problem != null) {
			throw new InvalidRequestException(field, problem);
		}
	}

}
