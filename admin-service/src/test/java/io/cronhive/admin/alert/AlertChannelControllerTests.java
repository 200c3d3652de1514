package io.cronhive.admin.alert;

import io.cronhive.admin.web.ApiSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@ApiSliceTest({ AlertChannelController.class, AlertRuleController.class, AlertHistoryController.class })
class AlertChannelControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AlertChannelService channels;

	@MockitoBean
	TestAlerts tests;

	@MockitoBean
	AlertRuleService rules;

	@MockitoBean
	AlertHistory history;

	@Test
	void channelWithBlankNameShortSecretAndBadAddressIs400NamingEachField() {
		assertThat(this.mvc.post().uri("/v1/alert-channels").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"type\":\"webhook\",\"url\":\"https://x.example\",\"secret\":\"short\","
					+ "\"recipients\":[\"not-an-address\"],\"maxPerHour\":0}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/invalid-request"))
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray()
				.containsExactlyInAnyOrder("name", "secret", "recipients[0]", "maxPerHour"));
	}

	@Test
	void unknownChannelTypeIs400NamingType() {
		assertThat(this.mvc.post().uri("/v1/alert-channels").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"type\":\"pager\"}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("type"));
	}

	@Test
	void ruleWithoutChannelsOrKindIs400NamingThem() {
		assertThat(this.mvc.post().uri("/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"r\",\"channelIds\":[]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactlyInAnyOrder("kind", "channelIds"));
	}

	@Test
	void unknownRuleKindIs400NamingKind() {
		assertThat(this.mvc.post().uri("/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"r\",\"kind\":\"disk_full\",\"channelIds\":[1]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("kind"));
	}

	@Test
	void historyFiltersAreCheckedAndNamed() {
		assertThat(this.mvc.get().uri("/v1/alerts?state=burning"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("state"));
		assertThat(this.mvc.get().uri("/v1/alerts?kind=nope"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("kind"));
		assertThat(this.mvc.get().uri("/v1/alerts?from=-1000000000-01-01T00:00:00Z"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("from"));
		assertThat(this.mvc.get().uri("/v1/alerts/deliveries?status=lost"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("status"));
	}

}
