package io.cronhive.admin.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA key pairs tokens are signed with, kept in {@code signing_keys} so every admin-service replica signs and
 * verifies with the same keys and nobody has to configure a secret. The first replica to start generates one;
 * the oldest unretired key signs, all unretired keys verify. Two replicas starting at the same moment may both
 * generate one; rereading the table (on an unknown kid, and every minute for the published set) makes them
 * converge on the oldest.
 */
@Component
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	// A verifier that meets an unknown kid reloads at most this often, so forged kids cannot hammer the database.
	private static final long RELOAD_INTERVAL_MS = 5_000;

	// The published set is reread this often, so replicas that started together converge on the same keys.
	private static final long PUBLISHED_MAX_AGE_MS = 60_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Loaded loaded;

	SigningKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The key new tokens are signed with (private half included). */
	RSAKey signingKey() {
		return loaded().signing();
	}

	/** The public halves of every key that may have signed a live token. */
	JWKSet publicKeys() {
		Loaded current = loaded();
		if (this.clock.millis() - current.loadedAt() < PUBLISHED_MAX_AGE_MS) {
			return current.publicSet();
		}
		synchronized (this) {
			this.loaded = load();
			return this.loaded.publicSet();
		}
	}

	/** Public keys, reloaded from the database first if {@code kid} is unknown (a key another replica made). */
	JWKSet publicKeysFor(String kid) {
		Loaded current = loaded();
		if (kid == null || current.publicSet().getKeyByKeyId(kid) != null
				|| this.clock.millis() - current.loadedAt() < RELOAD_INTERVAL_MS) {
			return current.publicSet();
		}
		synchronized (this) {
			this.loaded = load();
			return this.loaded.publicSet();
		}
	}

	private Loaded loaded() {
		Loaded current = this.loaded;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.loaded == null) {
				Loaded fromDb = load();
				if (fromDb == null) {
					generate();
					fromDb = load();
				}
				this.loaded = fromDb;
			}
			return this.loaded;
		}
	}

	private Loaded load() {
		List<RSAKey> keys = this.jdbc
			.sql("SELECT kid, public_key, private_key FROM signing_keys WHERE retired_at IS NULL "
					+ "AND algorithm = 'RS256' ORDER BY created_at, kid")
			.query((rs, n) -> toJwk(rs.getString("kid"), rs.getString("public_key"), rs.getString("private_key")))
			.list();
		if (keys.isEmpty()) {
			return null;
		}
		List<JWK> publicKeys = new ArrayList<>();
		keys.forEach((k) -> publicKeys.add(k.toPublicJWK()));
		return new Loaded(keys.getFirst(), new JWKSet(publicKeys), this.clock.millis());
	}

	private void generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String kid = UUID.randomUUID().toString();
			Base64.Encoder b64 = Base64.getEncoder();
			this.jdbc
				.sql("INSERT INTO signing_keys (kid, algorithm, public_key, private_key, created_at) "
						+ "VALUES (?, 'RS256', ?, ?, ?)")
				.params(kid, b64.encodeToString(pair.getPublic().getEncoded()),
						b64.encodeToString(pair.getPrivate().getEncoded()), this.clock.millis())
				.update();
			log.info("Generated token signing key {} (RS256)", kid);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available in this JVM", ex);
		}
	}

	private static RSAKey toJwk(String kid, String publicKey, String privateKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			Base64.Decoder b64 = Base64.getDecoder();
			RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(b64.decode(publicKey)));
			RSAPrivateKey priv = (RSAPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(privateKey)));
			return new RSAKey.Builder(pub).privateKey(priv)
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("Signing key " + kid + " in signing_keys is unreadable", ex);
		}
	}

	private record Loaded(RSAKey signing, JWKSet publicSet, long loadedAt) {
	}

}
