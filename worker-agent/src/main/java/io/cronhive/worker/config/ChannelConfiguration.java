package io.cronhive.worker.config;

import java.time.Clock;

import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureVerifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The cluster secret and what is built from it. Creating the secret is the first thing the web server needs
 * (the signature filter depends on it), so a missing or short secret stops the agent before it listens or
 * registers in Eureka.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ClusterSecret clusterSecret(Environment environment) {
		try {
			return ClusterSecret.of(environment.getProperty("cronhive.cluster-secret"));
		}
		catch (IllegalStateException ex) {
			throw new StartupRefusedException(ex.getMessage(),
					"Set " + ClusterSecret.ENV + " in the agent's environment (on a host install: "
							+ "/etc/cronhive/worker-agent.env) to the cluster's shared secret and start the agent again.");
		}
	}

	@Bean
	RequestSigner requestSigner(ClusterSecret secret, Clock clock) {
		return new RequestSigner(secret, clock);
	}

	@Bean
	SignatureVerifier signatureVerifier(ClusterSecret secret, Clock clock, WorkerProperties properties) {
		return new SignatureVerifier(secret, clock, properties.signatureWindow());
	}

}
