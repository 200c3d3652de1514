package io.cronhive.admin.user;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param id database id
 * @param username login name
 * @param role admin, operator or viewer
 * @param enabled whether the user may log in and whether their tokens work
 * @param createTime Unix ms
 * @param version optimistic-locking version to send back on update
 */
public record UserView(long id, String username, Role role, boolean enabled, long createTime, long version) {

	static UserView from(User user) {
		return new UserView(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(), user.getCreatedAt(),
				user.getVersion());
	}

}
