package io.cronhive.admin.user;

/**
 * An admin's change to a user; absent fields stay as they are.
 *
 * @param role new role
 * @param enabled false disables login and every token of the user
 * @param password a new password set by the admin
 * @param version the version read, to refuse a lost update
 */
record UpdateUserRequest(Role role, Boolean enabled, String password, Long version) {

	static final String USERNAME = "^[A-Za-z0-9._@-]{1,64}$";

	@Override
	public String toString() {
		return "UpdateUserRequest[role=" + this.role + ", enabled=" + this.enabled + ", version=" + this.version + "]";
	}

}
