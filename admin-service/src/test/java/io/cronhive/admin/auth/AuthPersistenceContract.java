package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing keys and API tokens on a Flyway-migrated database (V1 + V3); run on H2 and MariaDB. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(AuthPersistenceContract.FixedClock.class)
abstract class AuthPersistenceContract {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokenRepository tokens;

	@Autowired
	Clock clock;

	@Test
	void firstInstanceGeneratesTheKeyAndOthersLoadTheSameOne() {
		SigningKeys first = new SigningKeys(this.jdbc, this.clock);
		SigningKeys second = new SigningKeys(this.jdbc, this.clock);
		assertThat(first.signingKey().getKeyID()).isEqualTo(second.signingKey().getKeyID());
		assertThat(this.jdbc.sql("SELECT count(*) FROM signing_keys").query(Long.class).single()).isEqualTo(1);
		assertThat(second.signingKey().isPrivate()).isTrue();
		assertThat(second.publicKeys().getKeys()).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());
	}

	@Test
	void replicasThatBothGeneratedAKeyConvergeOnTheOldestAndVerifyBoth() {
		SigningKeys first = new SigningKeys(this.jdbc, this.clock);
		String firstKid = first.signingKey().getKeyID();
		// another replica's key, written a moment later
		this.jdbc.sql("INSERT INTO signing_keys (kid, algorithm, public_key, private_key, created_at) "
				+ "SELECT 'later', algorithm, public_key, private_key, created_at + 1 FROM signing_keys WHERE kid = ?")
			.param(firstKid)
			.update();
		SigningKeys second = new SigningKeys(this.jdbc, this.clock);
		assertThat(second.signingKey().getKeyID()).isEqualTo(firstKid);
		assertThat(second.publicKeys().getKeyByKeyId("later")).isNotNull();
		assertThat(first.publicKeys().getKeyByKeyId("later")).isNull();
		assertThat(first.publicKeysFor("later").getKeyByKeyId("later")).isNull(); // reloads at most every 5 s
	}

	@Test
	void apiTokenIsLiveOnlyWithItsExactHashUntilRevoked() {
		long userId = user("token-owner");
		ApiToken token = this.tokens.saveAndFlush(new ApiToken(userId, "ci", "a".repeat(64), NOW.toEpochMilli(),
				NOW.plusSeconds(3600).toEpochMilli()));
		token.bind("b".repeat(64));
		this.tokens.flush();
		assertThat(this.tokens.isLive(token.getId(), "b".repeat(64))).isTrue();
		assertThat(this.tokens.isLive(token.getId(), "a".repeat(64))).isFalse();
		token.revoke();
		this.tokens.flush();
		assertThat(this.tokens.isLive(token.getId(), "b".repeat(64))).isFalse();
	}

	@Test
	void lastUseIsWrittenAtMostOncePerWindow() {
		long userId = user("toucher");
		ApiToken token = this.tokens.saveAndFlush(new ApiToken(userId, "ci", "c".repeat(64), NOW.toEpochMilli(),
				NOW.plusSeconds(3600).toEpochMilli()));
		long now = NOW.toEpochMilli();
		assertThat(this.tokens.touch(token.getId(), now, now - 60_000)).isEqualTo(1);
		assertThat(this.tokens.touch(token.getId(), now + 1_000, now + 1_000 - 60_000)).isZero();
		assertThat(this.tokens.touch(token.getId(), now + 61_000, now + 1_000)).isEqualTo(1);
	}

	@Test
	void tokensGoWithTheirUser() {
		long userId = user("leaving");
		this.tokens.saveAndFlush(new ApiToken(userId, "ci", "d".repeat(64), NOW.toEpochMilli(),
				NOW.plusSeconds(3600).toEpochMilli()));
		this.jdbc.sql("DELETE FROM users WHERE id = ?").param(userId).update();
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_tokens WHERE user_id = ?").param(userId)
			.query(Long.class)
			.single()).isZero();
	}

	private long user(String name) {
		this.jdbc.sql("INSERT INTO users (username, password_hash, role, enabled, created_at) VALUES (?, 'x', 'viewer', TRUE, 0)")
			.param(name)
			.update();
		return this.jdbc.sql("SELECT id FROM users WHERE username = ?").param(name).query(Long.class).single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
