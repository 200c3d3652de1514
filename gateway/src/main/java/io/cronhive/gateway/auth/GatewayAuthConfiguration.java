package io.cronhive.gateway.auth;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the token check: keys fetched from admin-service through the load balancer (any replica publishes the
 * same keys, kept in the database), verified locally for every routed call.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayAuthProperties.class)
class GatewayAuthConfiguration {

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	@Bean
	JwksCache jwksCache(WebClient.Builder loadBalancedWebClientBuilder, GatewayAuthProperties properties) {
		return new JwksCache(loadBalancedWebClientBuilder.build(), properties, Clock.systemUTC());
	}

	@Bean
	TokenCheckFilter tokenCheckFilter(JwksCache keys, GatewayAuthProperties properties) {
		return new TokenCheckFilter(new TokenVerifier(keys, properties, Clock.systemUTC()));
	}

}
