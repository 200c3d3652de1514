package io.cronhive.admin.audit;

import java.time.Instant;

import io.cronhive.admin.auth.AdminApiTest;
import io.cronhive.admin.auth.AuthFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@AdminApiTest
class AuditTrailTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void successfulCreateIsRecordedWithWhoWhatAndTheNewId() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		Instant before = Instant.now().minusSeconds(1);
		String name = fixture.createUser("viewer");
		String admin = fixture.adminToken();
		MvcTestResult me = this.mvc.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(fixture.token(name, AuthFixture.USER_PASSWORD)))
			.exchange();
		String id = String.valueOf(AuthFixture.<Integer>read(me, "$.id"));

		MvcTestResult events = list("/v1/audit-events?entityType=users&from=" + before, admin);
		assertThat(events).hasStatusOk();
		assertThat(events).bodyJson().extractingPath("$.items[?(@.entityId == '" + id + "')].action")
			.asArray()
			.containsExactly("create");
		assertThat(events).bodyJson().extractingPath("$.items[?(@.entityId == '" + id + "')].username")
			.asArray()
			.containsExactly("admin");
		assertThat(events).bodyJson().extractingPath("$.items[?(@.entityId == '" + id + "')].detail")
			.asArray()
			.singleElement()
			.asString()
			.startsWith("POST /v1/users -> 201")
			.doesNotContain(AuthFixture.USER_PASSWORD);
	}

	@Test
	void refusedChangesAndLoginsAreNotRecorded() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String operator = fixture.tokenOfNew("operator");
		String operatorName = AuthFixture.read(list("/v1/users/me", operator), "$.username");
		this.mvc.post()
			.uri("/v1/users")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(operator))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
		fixture.login(operatorName, "wrong-password-here");
		assertThat(list("/v1/audit-events?username=" + operatorName, fixture.adminToken())).bodyJson()
			.extractingPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void operationsOnAResourceAreNamedByTheirPath() {
		AuthFixture fixture = new AuthFixture(this.mvc);
		String name = fixture.createUser("operator");
		String token = fixture.token(name, AuthFixture.USER_PASSWORD);
		assertThat(this.mvc.put()
			.uri("/v1/users/me/password")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"" + AuthFixture.USER_PASSWORD + "\",\"newPassword\":\"another-password-1\"}"))
			.hasStatus(204);
		MvcTestResult events = list("/v1/audit-events?username=" + name, fixture.adminToken());
		assertThat(events).bodyJson().extractingPath("$.items[0].action").isEqualTo("password");
		assertThat(events).bodyJson().extractingPath("$.items[0].entityType").isEqualTo("users");
		assertThat(events).bodyJson().extractingPath("$.items[0].entityId").isEqualTo(name);
		assertThat(events).bodyJson().extractingPath("$.items[0].detail").asString().doesNotContain("another-password-1");
	}

	@Test
	void listIsPagedAndRefusesAnInvertedTimeRange() {
		String admin = new AuthFixture(this.mvc).adminToken();
		MvcTestResult page = list("/v1/audit-events?size=1", admin);
		assertThat(page).hasStatusOk().bodyJson().extractingPath("$.size").isEqualTo(1);
		assertThat(page).bodyJson().hasPath("$.total").hasPath("$.page").hasPath("$.items");
		assertThat(list("/v1/audit-events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", admin)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("to");
	}

	private MvcTestResult list(String path, String token) {
		return this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(token)).exchange();
	}

}
