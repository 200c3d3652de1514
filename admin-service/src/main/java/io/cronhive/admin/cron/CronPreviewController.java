package io.cronhive.admin.cron;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.cronhive.admin.web.Instants;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.common.cron.CronSchedule;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/cron/preview}: what a cron expression means and when it fires next, computed by the same
 * {@link CronSchedule} the scheduler uses, so the preview never disagrees with the firing.
 */
@RestController
class CronPreviewController {

	static final int DEFAULT_COUNT = 5;

	static final int MAX_COUNT = 100;

	private final Clock clock;

	CronPreviewController(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param from fire times are strictly after this ISO-8601 instant; default now
	 * @param count how many fire times, 1 to {@value #MAX_COUNT}
	 */
	@GetMapping("/v1/cron/preview")
	CronPreview preview(@RequestParam String cron, @RequestParam(required = false) String timeZone,
			@RequestParam(required = false) String from, @RequestParam(defaultValue = "" + DEFAULT_COUNT) int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new InvalidRequestException("count", "must be between 1 and " + MAX_COUNT);
		}
		Instant after = instant(from);
		// InvalidCronException names cron or timeZone; the problem handler turns it into a 400.
		CronSchedule schedule = CronSchedule.parse(cron, timeZone);
		List<String> times = schedule.nextAfter(after, count).stream().map(Instant::toString).toList();
		return new CronPreview(schedule.expression(), schedule.zone().getId(), schedule.describe(), times);
	}

	private Instant instant(String from) {
		if (from == null || from.isBlank()) {
			return this.clock.instant();
		}
		try {
			return Instants.inRange("from", Instant.parse(from.trim()));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException("from", "'" + from + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
		}
	}

}
