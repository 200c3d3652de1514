package io.cronhive.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.cronhive.admin.user.Account;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints the two kinds of token: short-lived session tokens from a login and long-lived API tokens whose
 * {@code jti} is their {@code api_tokens} row, so that row can revoke them. Both carry the user's id, so a
 * user deleted and re-created under the same name does not inherit old tokens.
 */
@Component
class TokenService {

	static final String CLAIM_USER_ID = "uid";

	static final String CLAIM_KIND = "kind";

	static final String CLAIM_USER_VERSION = "ver";

	static final String KIND_SESSION = "session";

	static final String KIND_API = "api";

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final Clock clock;

	TokenService(JwtEncoder encoder, SigningKeys keys, AuthProperties properties, Clock clock) {
		this.encoder = encoder;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	IssuedToken issueSession(Account account) {
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = claims(account, KIND_SESSION, UUID.randomUUID().toString(), now,
				now.plus(this.properties.sessionTtl()));
		return sign(claims.claim(CLAIM_USER_VERSION, account.version()).build());
	}

	/** API tokens outlive password changes on purpose (a CI pipeline's token); they end by revocation or expiry. */
	IssuedToken issueApi(Account account, long tokenId, Instant expiresAt) {
		return sign(claims(account, KIND_API, Long.toString(tokenId), this.clock.instant(), expiresAt).build());
	}

	private JwtClaimsSet.Builder claims(Account account, String kind, String jti, Instant now, Instant expiresAt) {
		return JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(account.username())
			.id(jti)
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(expiresAt)
			.claim(CLAIM_USER_ID, account.id())
			.claim(CLAIM_KIND, kind)
			// Informational for clients (the console); the server reads the current role from the database.
			.claim("role", account.role().code());
	}

	private IssuedToken sign(JwtClaimsSet claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKey().getKeyID()).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, claims.getExpiresAt());
	}

	/** SHA-256 hex of a token: what {@code api_tokens.token_hash} stores instead of the token. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A freshly minted token.
	 *
	 * @param token the compact JWT
	 * @param expiresAt its {@code exp}
	 */
	record IssuedToken(String token, Instant expiresAt) {
	}

}
