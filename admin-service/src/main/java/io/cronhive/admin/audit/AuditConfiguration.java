package io.cronhive.admin.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the audit filter just after Spring Security's chain (order -100), so it sees the authenticated
 * caller and the final status of the request.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	FilterRegistrationBean<AuditRecordingFilter> auditRecordingFilter(AuditTrail trail) {
		FilterRegistrationBean<AuditRecordingFilter> registration = new FilterRegistrationBean<>(
				new AuditRecordingFilter(trail));
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(0);
		return registration;
	}

}
