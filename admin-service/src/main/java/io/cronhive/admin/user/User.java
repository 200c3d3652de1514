package io.cronhive.admin.user;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person or robot that calls the API; only the password hash is kept. */
@Entity
@Table(name = "users")
class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 64, updatable = false)
	private String username;

	@Column(name = "password_hash", nullable = false, length = 100)
	private String passwordHash;

	@Convert(converter = RoleConverter.class)
	@Column(nullable = false, length = 16)
	private Role role;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Version
	private long version;

	protected User() {
	}

	User(String username, String passwordHash, Role role, long createdAt) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
		this.createdAt = createdAt;
	}

	Long getId() {
		return this.id;
	}

	String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	Role getRole() {
		return this.role;
	}

	boolean isEnabled() {
		return this.enabled;
	}

	long getCreatedAt() {
		return this.createdAt;
	}

	long getVersion() {
		return this.version;
	}

	void changePassword(String newHash) {
		this.passwordHash = newHash;
	}

	void changeRole(Role newRole) {
		this.role = newRole;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

	boolean isActiveAdmin() {
		return this.enabled && this.role == Role.ADMIN;
	}

}
