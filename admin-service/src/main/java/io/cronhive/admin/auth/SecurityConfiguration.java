package io.cronhive.admin.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The role matrix, enforced here for every endpoint so no controller can forget it: a viewer reads, an operator
 * also writes jobs, workers, groups and scheduling, an admin also manages users and reads the audit trail.
 * Every token is verified here too (signature, expiry, revocation, user enabled), even though the gateway
 * checked it: admin-service must not trust whoever reaches its port.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, AccountJwtConverter accounts) throws Exception {
		http.csrf((csrf) -> csrf.disable()) // bearer tokens only, never cookies: no ambient credential to forge
			.cors((cors) -> cors.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/v1/auth/login").permitAll()
				.requestMatchers(HttpMethod.GET, "/v1/auth/jwks").permitAll()
				.requestMatchers("/v1/openapi", "/v1/openapi/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/error").permitAll()
				// Own account and own API tokens: every role (the service checks ownership of tokens).
				.requestMatchers("/v1/users/me", "/v1/users/me/password").hasRole("VIEWER")
				.requestMatchers("/v1/auth/tokens", "/v1/auth/tokens/**").hasRole("VIEWER")
				.requestMatchers("/v1/users", "/v1/users/**").hasRole("ADMIN")
				.requestMatchers("/v1/audit-events", "/v1/audit-events/**").hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/v1/**").hasRole("VIEWER")
				.requestMatchers(HttpMethod.HEAD, "/v1/**").hasRole("VIEWER")
				.requestMatchers("/v1/**").hasRole("OPERATOR")
				.anyRequest().denyAll())
			.oauth2ResourceServer((oauth2) -> oauth2
				.bearerTokenResolver(ignoredOnPublicEndpoints())
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(accounts))
				.authenticationEntryPoint(ProblemResponses.unauthorized())
				.accessDeniedHandler(ProblemResponses.forbidden()))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(ProblemResponses.unauthorized())
				.accessDeniedHandler(ProblemResponses.forbidden()));
		return http.build();
	}

	/**
	 * A stale token left in a client must not make the login itself fail, so the public endpoints never read one.
	 */
	private static BearerTokenResolver ignoredOnPublicEndpoints() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		return (request) -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			boolean open = (path.equals("/v1/auth/login") && "POST".equals(request.getMethod()))
					|| (path.equals("/v1/auth/jwks") && "GET".equals(request.getMethod()))
					|| path.equals("/v1/openapi") || path.startsWith("/v1/openapi/");
			return open ? null : header.resolve(request);
		};
	}

	/** admin includes operator includes viewer, so rules name the least role that may act. */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER");
	}

}
