package io.cronhive.admin.user;

/**
 * The facts about a user that the token layer needs on every request: who, which role now, and whether the
 * user may still act. Read fresh per request so a demotion or a disable takes effect at once.
 *
 * @param id database id
 * @param username login name
 * @param role current role
 * @param enabled false once an admin disabled the user
 * @param version bumped by every change of the user (password, role, enabled); a session token minted under an
 * older version is void, so changing a password or disabling a user ends every session at once
 */
public record Account(long id, String username, Role role, boolean enabled, long version) {

	static Account from(User user) {
		return new Account(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(), user.getVersion());
	}

}
