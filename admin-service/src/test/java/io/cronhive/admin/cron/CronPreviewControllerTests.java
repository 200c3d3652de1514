package io.cronhive.admin.cron;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.cronhive.admin.web.ApiSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The preview contract of DESIGN §3, field by field. */
@ApiSliceTest(CronPreviewController.class)
class CronPreviewControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void answersNextFireTimesStrictlyAfterFromAsUtcInstants() {
		assertThat(this.mvc.get().uri("/v1/cron/preview?cron={c}&from={f}&count=3", "0 0 * * * ?", "2026-01-01T00:00:00Z"))
			.hasStatus(200)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"cron":"0 0 * * * ?","timeZone":"UTC",
					 "nextFireTimes":["2026-01-01T01:00:00Z","2026-01-01T02:00:00Z","2026-01-01T03:00:00Z"]}""")
			.hasPathSatisfying("$.description", (d) -> assertThat(d).asString().isNotBlank());
	}

	@Test
	void computesInTheGivenZoneAndAnswersInUtc() {
		assertThat(this.mvc.get().uri("/v1/cron/preview?cron={c}&timeZone=Europe/Paris&from={f}&count=2", "0 9 * * 1-5",
				"2026-07-03T12:00:00Z"))
			.hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"cron":"0 9 * * 1-5","timeZone":"Europe/Paris",
					 "nextFireTimes":["2026-07-06T07:00:00Z","2026-07-07T07:00:00Z"]}""");
	}

	@Test
	void defaultsFromToNowAndCountToFive() {
		assertThat(this.mvc.get().uri("/v1/cron/preview?cron={c}", "*/10 * * * * ?"))
			.hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"nextFireTimes":["2026-06-01T12:00:10Z","2026-06-01T12:00:20Z","2026-06-01T12:00:30Z",
					 "2026-06-01T12:00:40Z","2026-06-01T12:00:50Z"]}""");
	}

	@Test
	void badCronZoneFromAndCountAre400NamingTheField() {
		assertField("/v1/cron/preview?cron={c}", "61 * * * * ?", "cron");
		assertField("/v1/cron/preview?cron={c}&timeZone=Mars/Base", "* * * * *", "timeZone");
		assertField("/v1/cron/preview?cron={c}&from=yesterday", "* * * * *", "from");
		assertField("/v1/cron/preview?cron={c}&count=0", "* * * * *", "count");
		assertField("/v1/cron/preview?cron={c}&count=101", "* * * * *", "count");
		assertThat(this.mvc.get().uri("/v1/cron/preview"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("cron"));
	}

	private void assertField(String uri, String cron, String field) {
		assertThat(this.mvc.get().uri(uri, cron))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type", (t) -> assertThat(t).asString().isEqualTo("https://cronhive.io/problems/invalid-request"))
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo(field));
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
		}

	}

}
