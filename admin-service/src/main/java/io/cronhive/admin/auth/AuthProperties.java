package io.cronhive.admin.auth;

import java.time.Duration;
import java.util.List;

import io.cronhive.admin.user.PasswordPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings under {@code cronhive.auth}. A configured first-admin password that breaks the
 * password policy stops the start: a weak admin password on a remote code execution service is not a warning.
 *
 * @param adminPassword password of the first admin ({@code CRONHIVE_ADMIN_PASSWORD}); blank: generate one
 * @param sessionTtl lifetime of a login token
 * @param apiTokenTtl default lifetime of an API token when the request names none
 * @param issuer the {@code iss} claim of every token, checked on the way back in
 * @param trustedProxies peers whose {@code X-Forwarded-For} names the client (the gateway): IP addresses or
 * CIDR blocks, or {@code local} for this host's own addresses; anyone else is taken for the client itself
 */
@ConfigurationProperties("cronhive.auth")
public record AuthProperties(String adminPassword, @DefaultValue("8h") Duration sessionTtl,
		@DefaultValue("365d") Duration apiTokenTtl, @DefaultValue("cronhive") String issuer,
		@DefaultValue("local") List<String> trustedProxies) {

	public AuthProperties {
		if (adminPassword != null && !adminPassword.isEmpty()) {
			String problem = PasswordPolicy.problem(adminPassword);
			if (problem != null) {
				throw new IllegalArgumentException(
						"CRONHIVE_ADMIN_PASSWORD (cronhive.auth.admin-password) " + problem + "; set a stronger "
								+ "password or unset it to have one generated and printed once at the first start");
			}
		}
		if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
			throw new IllegalArgumentException("cronhive.auth.session-ttl must be positive");
		}
		if (apiTokenTtl == null || apiTokenTtl.isNegative() || apiTokenTtl.isZero()) {
			throw new IllegalArgumentException("cronhive.auth.api-token-ttl must be positive");
		}
	}

	boolean adminPasswordConfigured() {
		return this.adminPassword != null && !this.adminPassword.isEmpty();
	}

	@Override
	public String toString() {
		return "AuthProperties[adminPassword=" + (adminPasswordConfigured() ? "***" : "(generate)") + ", sessionTtl="
				+ this.sessionTtl + ", apiTokenTtl=" + this.apiTokenTtl + ", issuer=" + this.issuer + ", trustedProxies="
				+ this.trustedProxies + "]";
	}

}
