package io.cronhive.worker.channel;

import io.cronhive.common.signing.SignatureVerifier;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link SignedRequestFilter} in front of {@code /internal/*}, ahead of every other filter. */
@Configuration(proxyBeanMethods = false)
class ChannelFilterConfiguration {

	@Bean
	FilterRegistrationBean<SignedRequestFilter> signedRequestFilter(SignatureVerifier verifier,
			MeterRegistry meters) {
		FilterRegistrationBean<SignedRequestFilter> registration = new FilterRegistrationBean<>(
				new SignedRequestFilter(verifier, meters));
		registration.addUrlPatterns("/internal/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
