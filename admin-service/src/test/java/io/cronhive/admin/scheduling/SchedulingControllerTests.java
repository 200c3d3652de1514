package io.cronhive.admin.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.cronhive.admin.web.ApiSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@ApiSliceTest(SchedulingController.class)
class SchedulingControllerTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final String UUID = "0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	SchedulingService scheduling;

	@Test
	void startAcceptsIdsAndUuidsAndTurnsDelayIntoNotBefore() {
		given(this.scheduling.start(any(), any())).willReturn(List.of(new ScheduleState(1, UUID, "a", true,
				NOW.toEpochMilli() + 30_000, null, 1, true)));
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1,\"" + UUID + "\",\"2\"],\"delaySeconds\":30}"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.jobs[0].scheduled", (s) -> assertThat(s).asBoolean().isTrue());
		then(this.scheduling).should().start(new JobRefs(Set.of(1L, 2L), Set.of(UUID)), NOW.toEpochMilli() + 30_000);
	}

	@Test
	void startAtBecomesNotBefore() {
		this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1],\"startAt\":\"2026-07-01T00:00:00Z\"}").exchange();
		then(this.scheduling).should().start(any(), eq(Instant.parse("2026-07-01T00:00:00Z").toEpochMilli()));
	}

	@Test
	void startRejectsStartAtBeyondUnixMillisecondsWithProblemDetail() {
		for (String startAt : List.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z")) {
			assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
				.content("{\"jobIds\":[1],\"startAt\":\"" + startAt + "\"}"))
				.hasStatus(400)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("startAt"));
		}
		then(this.scheduling).should(never()).start(any(), any());
	}

	@Test
	void delayAndStartAtTogetherAre400NamingBothAndChangeNothing() {
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1],\"delaySeconds\":5,\"startAt\":\"2026-07-01T00:00:00Z\"}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray().containsExactly("delaySeconds", "startAt"));
		then(this.scheduling).should(never()).start(any(), any());
	}

	@Test
	void malformedEntriesEmptyListsAndNegativeDelaysAre400NamingTheField() {
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1,\"abc\"]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("jobIds[1]"));
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON).content("{\"jobIds\":[]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("jobIds"));
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1],\"delaySeconds\":-1}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("delaySeconds"));
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1],\"startAt\":\"tomorrow\"}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("startAt"));
	}

	@Test
	void unknownIdsAre404ListingThem() {
		given(this.scheduling.start(any(), any())).willThrow(new UnknownJobsException(List.of("99", UUID)));
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[1,99,\"" + UUID + "\"]}"))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.unknownIds", (ids) -> assertThat(ids).asArray().containsExactly("99", UUID));
	}

	@Test
	void stopTakesIdsFromQueryOrBody() {
		given(this.scheduling.stop(any())).willReturn(List.of());
		assertThat(this.mvc.delete().uri("/v1/schedulers?jobIds=1,2,3")).hasStatus(200);
		then(this.scheduling).should().stop(new JobRefs(Set.of(1L, 2L, 3L), Set.of()));
		assertThat(this.mvc.delete().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON)
			.content("{\"jobIds\":[\"" + UUID + "\"]}")).hasStatus(200);
		then(this.scheduling).should().stop(new JobRefs(Set.of(), Set.of(UUID)));
		assertThat(this.mvc.delete().uri("/v1/schedulers"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("jobIds"));
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
