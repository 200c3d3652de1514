package io.cronhive.gateway.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

/**
 * Checks what the gateway can check of a token without the database: RS256 signature by a key admin-service
 * publishes, issuer, expiry and not-before. Revocation and disabled users are admin-service's second check.
 * Only RS256 is accepted, so a token cannot choose {@code none} or an HMAC keyed with the public key.
 */
class TokenVerifier {

	private final JwksCache keys;

	private final GatewayAuthProperties properties;

	private final Clock clock;

	TokenVerifier(JwksCache keys, GatewayAuthProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/** The verified subject, or empty when the token is not valid; errors only when the keys are unavailable. */
	Mono<String> verify(String token) {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			return Mono.empty();
		}
		String kid = jwt.getHeader().getKeyID();
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || kid == null) {
			return Mono.empty();
		}
		return this.keys.key(kid).flatMap((key) -> {
			if (key.isEmpty() || !(key.get() instanceof RSAKey rsa)) {
				return Mono.empty();
			}
			return Mono.justOrEmpty(checked(jwt, rsa));
		});
	}

	private String checked(SignedJWT jwt, RSAKey key) {
		try {
			if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
				return null;
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Instant now = this.clock.instant();
			long skew = this.properties.clockSkew().toMillis();
			if (!this.properties.issuer().equals(claims.getIssuer()) || claims.getSubject() == null) {
				return null;
			}
			if (!before(now.minusMillis(skew), claims.getExpirationTime())) {
				return null;
			}
			Date notBefore = claims.getNotBeforeTime();
			if (notBefore != null && notBefore.toInstant().isAfter(now.plusMillis(skew))) {
				return null;
			}
			return claims.getSubject();
		}
		catch (JOSEException | ParseException ex) {
			return null;
		}
	}

	private static boolean before(Instant instant, Date expiry) {
		return expiry != null && instant.isBefore(expiry.toInstant());
	}

}
