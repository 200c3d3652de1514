package io.cronhive.gateway.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for admin-service: publishes a JWK set of a key it signs test tokens with, and answers any other
 * path by echoing the request headers it received, so tests can see what the gateway forwarded.
 */
final class StubAdminService implements AutoCloseable {

	static final String KID = "stub-key";

	private final HttpServer server;

	private final KeyPair keys = generate();

	final AtomicInteger jwksFetches = new AtomicInteger();

	final List<Map<String, List<String>>> forwarded = new CopyOnWriteArrayList<>();

	StubAdminService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** A token as admin-service would sign it. */
	String token(String subject, Instant expiresAt) {
		return sign(this.keys, KID, subject, expiresAt);
	}

	/** A token signed by a key admin-service never published, under admin-service's key id. */
	String forgedToken(String subject) {
		return sign(generate(), KID, subject, Instant.now().plusSeconds(3600));
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		int status = 200;
		if (path.equals("/v1/auth/jwks")) {
			this.jwksFetches.incrementAndGet();
			RSAKey publicKey = new RSAKey.Builder((RSAPublicKey) this.keys.getPublic()).keyID(KID).build();
			body = new JWKSet(publicKey).toString().getBytes(StandardCharsets.UTF_8);
		}
		else {
			this.forwarded.add(Map.copyOf(exchange.getRequestHeaders()));
			body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static String sign(KeyPair keyPair, String kid, String subject, Instant expiresAt) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("cronhive")
				.subject(subject)
				.issueTime(new Date())
				.expirationTime(Date.from(expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
			jwt.sign(new RSASSASigner((RSAPrivateKey) keyPair.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
