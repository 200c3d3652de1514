package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Wires the database-held keys into Spring Security's Nimbus encoder and decoder: the encoder sees only the
 * current signing key, the decoder every published public key, with expiry and issuer checked on each token.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		JWKSource<SecurityContext> signing = (selector, context) -> selector.select(new JWKSet(keys.signingKey()));
		return new NimbusJwtEncoder(signing);
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, Clock clock) {
		JWKSource<SecurityContext> verifying = (selector, context) -> {
			List<String> kids = List.copyOf(selector.getMatcher().getKeyIDs() != null
					? selector.getMatcher().getKeyIDs() : java.util.Set.of());
			return selector.select(kids.isEmpty() ? keys.publicKeys() : keys.publicKeysFor(kids.getFirst()));
		};
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(verifying).build();
		JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(30));
		expiry.setClock(clock);
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(properties.issuer())));
		return decoder;
	}

}
