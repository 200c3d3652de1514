package io.cronhive.admin.auth;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@AdminApiTest
class ApiTokenTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void apiTokenIsShownOnceWorksAndStopsWorkingWhenRevoked() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String operator = fixture.tokenOfNew("operator");
		MvcTestResult created = create(operator, "{\"name\":\"ci-deploy\",\"ttlDays\":30}");
		assertThat(created).hasStatus(201).hasHeader(HttpHeaders.LOCATION,
				"/v1/auth/tokens/" + AuthFixture.<Integer>read(created, "$.id"));
		String apiToken = AuthFixture.read(created, "$.token");
		int id = AuthFixture.read(created, "$.id");

		assertThat(get("/v1/users/me", apiToken)).hasStatusOk();
		// an API token is for a pipeline: it survives its owner's password change, unlike a session
		assertThat(this.mvc.put()
			.uri("/v1/users/me/password")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(operator))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"" + AuthFixture.USER_PASSWORD + "\",\"newPassword\":\"changed-password-1\"}"))
			.hasStatus(204);
		assertThat(get("/v1/users/me", apiToken)).hasStatusOk();
		assertThat(get("/v1/users/me", operator)).hasStatus(401);
		operator = new AuthFixture(this.mvc).token(AuthFixture.read(get("/v1/users/me", apiToken), "$.username"),
				"changed-password-1");
		MvcTestResult listed = get("/v1/auth/tokens", operator);
		assertThat(listed).hasStatusOk().bodyJson().extractingPath("$.items[0].name").isEqualTo("ci-deploy");
		assertThat(listed).bodyJson().doesNotHavePath("$.items[0].token");

		String stored = this.jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = ?").param(id).query(String.class)
			.single();
		assertThat(stored).isEqualTo(TokenService.hash(apiToken)).doesNotContain(apiToken);

		assertThat(this.mvc.delete().uri("/v1/auth/tokens/" + id).header(HttpHeaders.AUTHORIZATION,
				AuthFixture.bearer(operator))).hasStatus(204);
		assertThat(get("/v1/users/me", apiToken)).hasStatus(401);
	}

	@Test
	void usersCannotSeeOrRevokeOthersTokensButAdminsCan() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String owner = fixture.tokenOfNew("operator");
		String ownerName = AuthFixture.read(get("/v1/users/me", owner), "$.username");
		int id = AuthFixture.read(create(owner, "{\"name\":\"nightly\"}"), "$.id");
		String other = fixture.tokenOfNew("viewer");

		assertThat(this.mvc.delete().uri("/v1/auth/tokens/" + id).header(HttpHeaders.AUTHORIZATION,
				AuthFixture.bearer(other))).hasStatus(404);
		assertThat(get("/v1/auth/tokens?username=" + ownerName, other)).hasStatus(403);
		assertThat(get("/v1/auth/tokens?username=" + ownerName, fixture.adminToken())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.total")
			.isEqualTo(1);
		assertThat(this.mvc.delete().uri("/v1/auth/tokens/" + id).header(HttpHeaders.AUTHORIZATION,
				AuthFixture.bearer(fixture.adminToken()))).hasStatus(204);
	}

	@Test
	void onlyAnAdminCreatesATokenForSomeoneElse() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String viewerName = fixture.createUser("viewer");
		String operator = fixture.tokenOfNew("operator");
		assertThat(create(operator, "{\"name\":\"x\",\"username\":\"" + viewerName + "\"}")).hasStatus(403);
		MvcTestResult byAdmin = create(fixture.adminToken(), "{\"name\":\"x\",\"username\":\"" + viewerName + "\"}");
		assertThat(byAdmin).hasStatus(201).bodyJson().extractingPath("$.username").isEqualTo(viewerName);
		String token = AuthFixture.read(byAdmin, "$.token");
		// the token acts as its owner, with the owner's role
		assertThat(get("/v1/users/me", token)).bodyJson().extractingPath("$.username").isEqualTo(viewerName);
		assertThat(this.mvc.post().uri("/v1/jobs").header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(403);
	}

	@Test
	void tokenWithoutNameIsAProblemNamingTheField() {
		MvcTestResult result = create(new AuthFixture(this.mvc).adminToken(), "{\"ttlDays\":0}");
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().contains("name", "ttlDays");
	}

	private MvcTestResult create(String bearer, String body) {
		return this.mvc.post()
			.uri("/v1/auth/tokens")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult get(String path, String bearer) {
		return this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(bearer)).exchange();
	}

}
