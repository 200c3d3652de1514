package io.cronhive.admin.dashboard;

import java.util.List;

import io.cronhive.admin.web.ApiSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/** {@code GET /v1/dashboard}: the window is bounded and a bad one is a problem naming {@code minutes}. */
@ApiSliceTest(DashboardController.class)
class DashboardControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	DashboardQueries queries;

	@Test
	void answersTheLastHourByDefault() {
		given(this.queries.lastMinutes(60)).willReturn(new DashboardView(0, 3_600_000, 60_000,
				List.of(new DashboardView.Bucket(0, 2, 1, 0, 4L, 90L, 1)), 1_000, 3, 2, 1, 1, 2, 1, 5, List.of()));
		assertThat(this.mvc.get().uri("/v1/dashboard"))
			.hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"bucketMs":60000,"runs":3,"missed":1,"workersOnline":2,"workersTotal":1,"jobsScheduled":5,
					 "minutes":[{"start":0,"ok":2,"failed":1,"lateP50Ms":4,"lateP99Ms":90,"missed":1}]}""");
	}

	@Test
	void windowOutsideOneMinuteToOneDayIs400NamingMinutes() {
		for (String minutes : List.of("0", "1441")) {
			assertThat(this.mvc.get().uri("/v1/dashboard?minutes=" + minutes))
				.hasStatus(400)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.hasPathSatisfying("$.errors[0].field", (f) -> assertThat(f).asString().isEqualTo("minutes"));
		}
	}

}
