package io.cronhive.master.config;

import java.time.Clock;
import java.time.Duration;

import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureVerifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster secret and what is built from it. There is no default: without {@code CRONHIVE_CLUSTER_SECRET}
 * the master refuses to start, because unsigned dispatches would be remote code execution on every worker.
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	// Requests older or newer than this are refused as stale; the same window bounds the nonce memory.
	private static final Duration SIGNATURE_WINDOW = Duration.ofSeconds(60);

	@Bean
	ClusterSecret clusterSecret(@Value("${cronhive.cluster-secret:}") String secret) {
		return ClusterSecret.of(secret);
	}

	@Bean
	RequestSigner requestSigner(ClusterSecret secret, Clock clock) {
		return new RequestSigner(secret, clock);
	}

	@Bean
	SignatureVerifier signatureVerifier(ClusterSecret secret, Clock clock) {
		return new SignatureVerifier(secret, clock, SIGNATURE_WINDOW);
	}

}
