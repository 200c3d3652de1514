package io.cronhive.gateway.auth;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses routed {@code /v1} calls without a valid bearer token before they reach a service (DESIGN §7), except
 * the login, the public keys and the OpenAPI document. On every routed call it also drops identity and forwarding
 * headers a client could forge, sets {@code X-Forwarded-For} to the address it saw, and stamps a request id, so
 * one request can be followed through the logs.
 */
class TokenCheckFilter implements GlobalFilter, Ordered {

	static final String REQUEST_ID = "X-Request-Id";

	private static final Logger log = LoggerFactory.getLogger(TokenCheckFilter.class);

	// Headers some proxies use to assert who the caller is; nobody behind this gateway may trust a client's.
	private static final List<String> SPOOFABLE = List.of("X-Forwarded-User", "X-Forwarded-Email",
			"X-Forwarded-Preferred-Username", "X-Remote-User", "Remote-User", "X-User", "X-Auth-User",
			"X-Auth-Request-User", "X-Auth-Request-Email", "X-Authenticated-User", "X-Cronhive-User");

	static final String FORWARDED_FOR = "X-Forwarded-For";

	// What a client could claim about where it is or how it came in; only this gateway may say.
	private static final List<String> FORWARDING = List.of(FORWARDED_FOR, "Forwarded", "X-Real-IP",
			"X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Client-IP",
			"True-Client-IP", "CF-Connecting-IP");

	private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	private static final PathPattern API = PARSER.parse("/v1/**");

	private static final List<PublicPath> PUBLIC = List.of(new PublicPath(HttpMethod.POST, "/v1/auth/login"),
			new PublicPath(HttpMethod.GET, "/v1/auth/jwks"), new PublicPath(HttpMethod.GET, "/v1/openapi"),
			new PublicPath(HttpMethod.GET, "/v1/openapi/**"));

	private final TokenVerifier verifier;

	TokenCheckFilter(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public int getOrder() {
		// Before the load balancer picks an instance and long before the request is sent.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String requestId = requestId(exchange.getRequest());
		exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
		String client = clientAddress(exchange.getRequest());
		ServerHttpRequest cleaned = exchange.getRequest().mutate().headers((headers) -> {
			SPOOFABLE.forEach(headers::remove);
			FORWARDING.forEach(headers::remove);
			// The address this gateway saw, replacing the caller's claim: admin-service's login throttle counts it.
			if (client != null) {
				headers.set(FORWARDED_FOR, client);
			}
			headers.set(REQUEST_ID, requestId);
		}).build();
		ServerWebExchange forwarded = exchange.mutate().request(cleaned).build();
		if (isPublic(cleaned)) {
			return chain.filter(forwarded);
		}
		String authorization = cleaned.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return ProblemWriter.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
					"this endpoint needs Authorization: Bearer <token>; get one from POST /v1/auth/login");
		}
		return this.verifier.verify(authorization.substring(7).trim())
			.map((subject) -> Verdict.VALID)
			.defaultIfEmpty(Verdict.INVALID)
			.onErrorResume(JwksUnavailableException.class, (ex) -> Mono.just(Verdict.UNCHECKABLE))
			.flatMap((verdict) -> switch (verdict) {
				case VALID -> chain.filter(forwarded);
				case INVALID -> invalid(exchange, requestId);
				case UNCHECKABLE -> unavailable(exchange);
			});
	}

	private Mono<Void> invalid(ServerWebExchange exchange, String requestId) {
		log.debug("Refused request {} to {}: invalid token", requestId, exchange.getRequest().getPath());
		return ProblemWriter.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"the bearer token is invalid or expired; log in again");
	}

	private Mono<Void> unavailable(ServerWebExchange exchange) {
		return ProblemWriter.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "auth-unavailable",
				"Service unavailable", "tokens cannot be checked right now: admin-service is unreachable; retry shortly");
	}

	private static boolean isPublic(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		if (!API.matches(path)) {
			return true;
		}
		return PUBLIC.stream().anyMatch((p) -> p.method().equals(request.getMethod()) && p.pattern().matches(path));
	}

	private static String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		return remote.getAddress().getHostAddress();
	}

	private static String requestId(ServerHttpRequest request) {
		String incoming = request.getHeaders().getFirst(REQUEST_ID);
		return (incoming != null && SAFE_REQUEST_ID.matcher(incoming).matches()) ? incoming
				: UUID.randomUUID().toString();
	}

	private enum Verdict {

		VALID, INVALID, UNCHECKABLE

	}

	private record PublicPath(HttpMethod method, PathPattern pattern) {

		PublicPath(HttpMethod method, String pattern) {
			this(method, PARSER.parse(pattern));
		}

	}

}
