package io.cronhive.gateway.auth;

import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * admin-service's public keys, fetched through the load balancer, kept for {@code jwksMaxAge}, refetched early
 * when a token names an unknown key id (a new key) but at most once per {@code jwksMinRefresh}. While
 * admin-service is unreachable, the keys already known keep working.
 */
class JwksCache {

	private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

	private final WebClient client;

	private final GatewayAuthProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot;

	private volatile long lastAttempt = Long.MIN_VALUE / 2;

	private Mono<Snapshot> inFlight;

	JwksCache(WebClient client, GatewayAuthProperties properties, Clock clock) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	/** The key with this id, empty if admin-service does not publish it; errors with JwksUnavailableException. */
	Mono<Optional<JWK>> key(String kid) {
		Snapshot known = this.snapshot;
		long now = this.clock.millis();
		if (known != null) {
			JWK key = known.keys().getKeyByKeyId(kid);
			boolean fresh = now - known.fetchedAt() < this.properties.jwksMaxAge().toMillis();
			boolean mayRefetch = now - this.lastAttempt >= this.properties.jwksMinRefresh().toMillis();
			if ((key != null && fresh) || !mayRefetch) {
				return Mono.just(Optional.ofNullable(key));
			}
		}
		return fetch().map((fetched) -> Optional.ofNullable(fetched.keys().getKeyByKeyId(kid)))
			.onErrorResume((ex) -> {
				if (known != null) {
					return Mono.just(Optional.ofNullable(known.keys().getKeyByKeyId(kid)));
				}
				return Mono.error(new JwksUnavailableException(
						"cannot fetch token keys from " + this.properties.jwksUri() + ": " + ex.getMessage(), ex));
			});
	}

	private synchronized Mono<Snapshot> fetch() {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		this.lastAttempt = this.clock.millis();
		Mono<Snapshot> fetch = this.client.get()
			.uri(this.properties.jwksUri())
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.properties.jwksTimeout())
			.map(this::parse)
			.doOnNext((fetched) -> {
				this.snapshot = fetched;
				log.info("Fetched {} token key(s) from {}", fetched.keys().size(), this.properties.jwksUri());
			})
			.doOnError((ex) -> log.warn("Could not fetch token keys from {}: {}", this.properties.jwksUri(),
					ex.getMessage()))
			.doFinally((signal) -> clearInFlight())
			.cache();
		this.inFlight = fetch;
		return fetch;
	}

	private synchronized void clearInFlight() {
		this.inFlight = null;
	}

	private Snapshot parse(String body) {
		try {
			return new Snapshot(JWKSet.parse(body), this.clock.millis());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("admin-service answered keys that are not a JWK set", ex);
		}
	}

	private record Snapshot(JWKSet keys, long fetchedAt) {
	}

}
