package io.cronhive.admin.auth;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over the real filter chain: a probe resource stands for any {@code /v1} resource, the real
 * admin-only resources are checked as they are.
 */
@AdminApiTest
@Import(RoleMatrixTests.Probe.class)
class RoleMatrixTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JwtEncoder encoder;

	@Autowired
	SigningKeys keys;

	@Test
	void viewerReadsButCannotWrite() {
		String viewer = fixture().tokenOfNew("viewer");
		assertThat(call("GET", "/v1/probe", viewer)).hasStatusOk();
		for (String method : new String[] { "POST", "PUT", "DELETE" }) {
			MvcTestResult result = call(method, "/v1/probe", viewer);
			assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://cronhive.io/problems/forbidden");
		}
		assertThat(call("POST", "/v1/jobs", viewer)).hasStatus(403);
		assertThat(call("DELETE", "/v1/schedulers", viewer)).hasStatus(403);
	}

	@Test
	void operatorWrites() {
		String operator = fixture().tokenOfNew("operator");
		assertThat(call("POST", "/v1/probe", operator)).hasStatus(201);
		assertThat(call("PUT", "/v1/probe", operator)).hasStatusOk();
		assertThat(call("DELETE", "/v1/probe", operator)).hasStatus(204);
	}

	@Test
	void onlyAdminManagesUsersAndReadsTheAuditTrail() {
		String viewer = fixture().tokenOfNew("viewer");
		String operator = fixture().tokenOfNew("operator");
		String admin = fixture().adminToken();
		for (String path : new String[] { "/v1/users", "/v1/audit-events" }) {
			assertThat(call("GET", path, viewer)).hasStatus(403);
			assertThat(call("GET", path, operator)).hasStatus(403);
			assertThat(call("GET", path, admin)).hasStatusOk();
		}
		assertThat(call("POST", "/v1/probe", admin)).hasStatus(201);
	}

	@Test
	void everyRoleReadsItselfAndChangingItsPasswordEndsOlderSessions() {
		AuthFixture fixture = fixture();
		String name = fixture.createUser("viewer");
		String viewer = fixture.token(name, AuthFixture.USER_PASSWORD);
		assertThat(this.mvc.get().uri("/v1/users/me").header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(viewer)))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.role")
			.isEqualTo("viewer");
		assertThat(this.mvc.put()
			.uri("/v1/users/me/password")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(viewer))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"" + AuthFixture.USER_PASSWORD + "\",\"newPassword\":\"a-new-long-password\"}"))
			.hasStatus(204);
		assertThat(fixture.login(name, AuthFixture.USER_PASSWORD)).hasStatus(401);
		assertThat(fixture.login(name, "a-new-long-password")).hasStatusOk();
		// a password change ends the sessions opened before it
		assertThat(call("GET", "/v1/users/me", viewer)).hasStatus(401);
	}

	@Test
	void callWithoutTokenIs401Problem() {
		MvcTestResult result = this.mvc.get().uri("/v1/probe").exchange();
		assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://cronhive.io/problems/unauthorized");
	}

	@Test
	void tokenSignedWithAnotherKeyIs401() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		String kid = this.keys.signingKey().getKeyID();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("cronhive")
			.subject("admin")
			.claim("uid", 1)
			.claim("kind", "session")
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.build();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		forged.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
		assertThat(pair.getPublic()).isInstanceOf(RSAPublicKey.class);
		expectUnauthorized(forged.serialize());
	}

	@Test
	void tamperedTokenIs401() {
		String token = fixture().tokenOfNew("viewer");
		String[] parts = token.split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"viewer\"", "\"admin\"");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes())
				+ "." + parts[2];
		expectUnauthorized(tampered);
	}

	@Test
	void unsignedTokenIs401() {
		String token = fixture().adminToken();
		String[] parts = token.split("\\.");
		String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
		expectUnauthorized(none + "." + parts[1] + ".");
	}

	@Test
	void expiredTokenIs401() {
		Instant past = Instant.now().minusSeconds(3600);
		expectUnauthorized(sign("cronhive", past.minusSeconds(600), past));
	}

	@Test
	void tokenOfAnotherIssuerIs401() {
		expectUnauthorized(sign("someone-else", Instant.now(), Instant.now().plusSeconds(600)));
	}

	@Test
	void probesAndOpenApiNeedNoToken() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
		assertThat(this.mvc.get().uri("/v1/auth/jwks")).hasStatusOk();
		assertThat(this.mvc.get().uri("/v1/openapi")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.components.securitySchemes.bearer.scheme")
			.isEqualTo("bearer");
	}

	private String sign(String issuer, Instant issuedAt, Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject("admin")
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("uid", 1)
			.claim("kind", "session")
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKey().getKeyID()).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private void expectUnauthorized(String token) {
		MvcTestResult result = call("GET", "/v1/probe", token);
		assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
	}

	private MvcTestResult call(String method, String path, String token) {
		return this.mvc.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
	}

	private AuthFixture fixture() {
		return new AuthFixture(this.mvc);
	}

	@RestController
	static class Probe {

		@GetMapping("/v1/probe")
		String read() {
			return "{}";
		}

		@PostMapping("/v1/probe")
		ResponseEntity<Void> create() {
			return ResponseEntity.created(URI.create("/v1/probe/1")).build();
		}

		@PutMapping("/v1/probe")
		String update() {
			return "{}";
		}

		@DeleteMapping("/v1/probe")
		ResponseEntity<Void> delete() {
			return ResponseEntity.noContent().build();
		}

	}

}
