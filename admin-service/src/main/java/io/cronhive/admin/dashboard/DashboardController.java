package io.cronhive.admin.dashboard;

import io.cronhive.admin.web.InvalidRequestException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/dashboard?minutes=60}: the landing page's figures over the last minutes (1 to 1440). */
@RestController
class DashboardController {

	static final int MAX_MINUTES = 1440;

	private final DashboardQueries queries;

	DashboardController(DashboardQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/v1/dashboard")
	DashboardView dashboard(@RequestParam(defaultValue = "60") int minutes) {
		if (minutes < 1 || minutes > MAX_MINUTES) {
			throw new InvalidRequestException("minutes", "must be between 1 and " + MAX_MINUTES);
		}
		return this.queries.lastMinutes(minutes);
	}

}
