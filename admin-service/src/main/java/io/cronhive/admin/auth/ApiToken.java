package io.cronhive.admin.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A long-lived token for automation; only its SHA-256 is kept, so a database dump yields no usable token. */
@Entity
@Table(name = "api_tokens")
class ApiToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false, updatable = false)
	private long userId;

	@Column(nullable = false, length = 64, updatable = false)
	private String name;

	@Column(name = "token_hash", nullable = false, length = 64, columnDefinition = "CHAR(64)")
	private String tokenHash;

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Column(name = "expires_at")
	private Long expiresAt;

	@Column(name = "last_used_at")
	private Long lastUsedAt;

	@Column(nullable = false)
	private boolean revoked;

	protected ApiToken() {
	}

	ApiToken(long userId, String name, String placeholderHash, long createdAt, long expiresAt) {
		this.userId = userId;
		this.name = name;
		this.tokenHash = placeholderHash;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	Long getId() {
		return this.id;
	}

	long getUserId() {
		return this.userId;
	}

	String getName() {
		return this.name;
	}

	String getTokenHash() {
		return this.tokenHash;
	}

	long getCreatedAt() {
		return this.createdAt;
	}

	Long getExpiresAt() {
		return this.expiresAt;
	}

	Long getLastUsedAt() {
		return this.lastUsedAt;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	/** Binds the row to the signed token, whose {@code jti} had to be this row's id. */
	void bind(String tokenHash) {
		this.tokenHash = tokenHash;
	}

	void revoke() {
		this.revoked = true;
	}

	void usedAt(long millis) {
		this.lastUsedAt = millis;
	}

}
