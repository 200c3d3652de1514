package io.cronhive.admin.auth;

import java.security.SecureRandom;

import io.cronhive.admin.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin at the first start (DESIGN §3, §7): with {@code CRONHIVE_ADMIN_PASSWORD}, or with a
 * generated password printed once, because a default password on a service that runs arbitrary code on every
 * worker host is an open door.
 */
@Component
class FirstAdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);

	// No look-alikes (0/O, 1/l/I) so a password copied from a log by hand survives; 24 of 56 symbols = 139 bits.
	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final int GENERATED_LENGTH = 24;

	private final UserService users;

	private final AuthProperties properties;

	private final SecureRandom random = new SecureRandom();

	FirstAdminBootstrap(UserService users, AuthProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		createFirstAdminIfNone();
	}

	/** @return true when this call created the admin */
	boolean createFirstAdminIfNone() {
		if (this.users.hasEnabledAdmin()) {
			return false;
		}
		boolean generated = !this.properties.adminPasswordConfigured();
		String password = generated ? generate() : this.properties.adminPassword();
		try {
			this.users.createFirstAdmin(password);
		}
		catch (DataIntegrityViolationException ex) {
			// Another replica starting at the same moment won; its log holds the password if one was generated.
			log.info("User {} already exists (created concurrently or left without admin role); not creating it",
					UserService.FIRST_ADMIN);
			return false;
		}
		if (generated) {
			log.warn("Generated password for user {}: {}  (shown once; change it with PUT /v1/users/me/password "
					+ "or set CRONHIVE_ADMIN_PASSWORD before the first start)", UserService.FIRST_ADMIN, password);
		}
		else {
			log.info("Created user {} with the password from CRONHIVE_ADMIN_PASSWORD", UserService.FIRST_ADMIN);
		}
		return true;
	}

	private String generate() {
		StringBuilder password = new StringBuilder(GENERATED_LENGTH);
		for (int i = 0; i < GENERATED_LENGTH; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
