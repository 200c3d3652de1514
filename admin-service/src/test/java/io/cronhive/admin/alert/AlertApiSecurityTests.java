package io.cronhive.admin.alert;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.cronhive.admin.auth.AdminApiTest;
import io.cronhive.admin.auth.AuthFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerting over the real filter chain on the embedded database: roles, the audit trail (which must not hold a
 * channel's secret), the OpenAPI document of the webhook body, and one evaluator tick on H2.
 */
@AdminApiTest
class AlertApiSecurityTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AlertEvaluator evaluator;

	@Test
	void viewerReadsAlertingButOnlyAnOperatorChangesIt() {
		String viewer = fixture().tokenOfNew("viewer");
		for (String path : List.of("/v1/alert-rules", "/v1/alert-channels", "/v1/alerts", "/v1/alerts/deliveries")) {
			assertThat(this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(viewer))).hasStatusOk();
		}
		assertThat(this.mvc.post().uri("/v1/alert-channels").header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(viewer))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"v\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/\"}")).hasStatus(403);
	}

	@Test
	void channelWritesAndTestAlertsAreAuditedWithoutTheSecret() throws Exception {
		String operatorName = fixture().createUser("operator");
		String operator = fixture().token(operatorName, AuthFixture.USER_PASSWORD);
		String secret = "audit-must-never-show-" + UUID.randomUUID();
		MvcTestResult created = this.mvc.post().uri("/v1/alert-channels")
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(operator))
			.contentType(MediaType.APPLICATION_JSON)
			// Port 9 (discard) on loopback: nothing listens, the test alert fails fast and is still recorded.
			.content("{\"name\":\"audited-" + UUID.randomUUID() + "\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/\",\"secret\":\"" + secret + "\"}")
			.exchange();
		assertThat(created).hasStatus(201);
		String id = created.getResponse().getHeader("Location").replace("/v1/alert-channels/", "");
		assertThat(this.mvc.post().uri("/v1/alert-channels/" + id + "/test").header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(operator)))
			.hasStatusOk().bodyJson()
			.hasPathSatisfying("$.delivered", (d) -> assertThat(d).asBoolean().isFalse());
		String audit = this.mvc.get().uri("/v1/audit-events?entityType=alert-channels&username=" + operatorName)
			.header(HttpHeaders.AUTHORIZATION, AuthFixture.bearer(fixture().adminToken()))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<List<String>>read(audit, "$.items[*].action")).containsExactlyInAnyOrder("create", "test");
		assertThat(JsonPath.<List<String>>read(audit, "$.items[*].entityId")).containsOnly(id);
		assertThat(audit).doesNotContain(secret);
	}

	@Test
	void openApiDocumentsTheWebhookBodyAndItsSignature() throws Exception {
		String document = this.mvc.get().uri("/v1/openapi").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<String>read(document, "$.webhooks.alert.post.requestBody.content['application/json'].schema.$ref"))
			.isEqualTo("#/components/schemas/AlertMessage");
		assertThat(JsonPath.<List<String>>read(document, "$.webhooks.alert.post.parameters[*].name"))
			.contains("X-Cronhive-Signature", "X-Cronhive-Timestamp");
		assertThat(JsonPath.<Object>read(document, "$.components.schemas.AlertMessage.properties")).asString()
			.contains("incidentId", "summary", "subject");
		assertThat(JsonPath.<Object>read(document, "$.paths['/v1/alert-channels/{id}/test']")).isNotNull();
	}

	@Test
	void evaluatorTicksOnTheEmbeddedDatabase() {
		assertThat(this.evaluator.evaluate()).isNotNull();
		assertThat(this.evaluator.evaluate().opened()).isZero();
	}

	private AuthFixture fixture() {
		return new AuthFixture(this.mvc);
	}

}
