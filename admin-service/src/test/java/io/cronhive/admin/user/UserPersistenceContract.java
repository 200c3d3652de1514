package io.cronhive.admin.user;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.cronhive.admin.web.ConflictException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Users on a Flyway-migrated database, with the schema validated against the mapping; run on H2 and MariaDB. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ UserService.class, PasswordConfiguration.class, UserPersistenceContract.FixedClock.class })
abstract class UserPersistenceContract {

	@Autowired
	UserService users;

	@Autowired
	UserRepository repository;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void passwordIsStoredAsBcryptHashOnly() {
		this.users.create(new CreateUserRequest("hash-check", "plain-text-password-1", Role.VIEWER));
		String hash = this.repository.findByUsername("hash-check").orElseThrow().getPasswordHash();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("plain-text-password-1");
		assertThat(this.encoder.matches("plain-text-password-1", hash)).isTrue();
	}

	@Test
	void authenticateAcceptsOnlyTheRightPasswordOfAnEnabledUser() {
		UserView created = this.users.create(new CreateUserRequest("login-check", "the-right-password", Role.OPERATOR));
		assertThat(this.users.authenticate("login-check", "the-right-password")).get()
			.extracting(Account::role)
			.isEqualTo(Role.OPERATOR);
		assertThat(this.users.authenticate("login-check", "the-wrong-password")).isEmpty();
		assertThat(this.users.authenticate("nobody-here", "the-right-password")).isEmpty();
		this.users.update(created.id(), new UpdateUserRequest(null, false, null, null));
		assertThat(this.users.authenticate("login-check", "the-right-password")).isEmpty();
	}

	@Test
	void usernameIsUniqueInTheDatabase() {
		this.repository.saveAndFlush(new User("twice", "{bcrypt}x", Role.VIEWER, 1L));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.repository.saveAndFlush(new User("twice", "{bcrypt}y", Role.ADMIN, 2L)));
	}

	@Test
	void lastEnabledAdminCannotBeDeletedDemotedOrDisabled() {
		this.users.createFirstAdmin("first-admin-password");
		long id = this.repository.findByUsername("admin").orElseThrow().getId();
		assertThat(this.users.hasEnabledAdmin()).isTrue();
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.users.delete(id));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.users.update(id, new UpdateUserRequest(Role.OPERATOR, null, null, null)));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.users.update(id, new UpdateUserRequest(null, false, null, null)));
		this.users.create(new CreateUserRequest("second-admin", "second-admin-password", Role.ADMIN));
		this.users.update(id, new UpdateUserRequest(Role.VIEWER, null, null, null));
		assertThat(this.repository.countByRoleAndEnabledTrue(Role.ADMIN)).isEqualTo(1);
	}

	@Test
	void shortPasswordIsRefusedNamingTheField() {
		assertThatExceptionOfType(io.cronhive.admin.web.InvalidRequestException.class)
			.isThrownBy(() -> this.users.create(new CreateUserRequest("shorty", "short", Role.VIEWER)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting("field").containsExactly("password"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

	}

}
