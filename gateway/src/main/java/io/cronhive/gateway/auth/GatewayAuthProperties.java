package io.cronhive.gateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token check settings under {@code cronhive.gateway.auth}.
 *
 * @param jwksUri where admin-service publishes its public keys; a service name as host goes through the load
 * balancer, so any admin replica answers
 * @param issuer the {@code iss} every token must carry
 * @param jwksMaxAge how long fetched keys are trusted before a refetch (a retired key leaves within this time)
 * @param jwksMinRefresh least time between two fetches forced by an unknown key id, so forged key ids cannot turn
 * the gateway into a load generator against admin-service
 * @param jwksTimeout how long a key fetch may take before the request is answered 503
 * @param clockSkew tolerance on {@code exp} and {@code nbf} between hosts
 */
@ConfigurationProperties("cronhive.gateway.auth")
public record GatewayAuthProperties(@DefaultValue("http://admin-service/v1/auth/jwks") String jwksUri,
		@DefaultValue("cronhive") String issuer, @DefaultValue("5m") Duration jwksMaxAge,
		@DefaultValue("10s") Duration jwksMinRefresh, @DefaultValue("3s") Duration jwksTimeout,
		@DefaultValue("30s") Duration clockSkew) {

}
