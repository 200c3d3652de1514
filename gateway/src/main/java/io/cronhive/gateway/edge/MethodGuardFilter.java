package io.cronhive.gateway.edge;

import java.util.Set;

import io.cronhive.gateway.auth.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers a method that neither the API nor the console serves (CONNECT, TRACE, WebDAV's, invented ones) with a
 * 405 problem at the gateway. Forwarded, it reached the servlet container, which answered with its own HTML page.
 */
@Component
class MethodGuardFilter implements WebFilter, Ordered {

	static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (ALLOWED.contains(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOW);
		return ProblemWriter.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
				"method: is not one of " + ALLOW);
	}

}
