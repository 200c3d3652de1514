package io.cronhive.master.trigger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cronhive.common.cron.CronSchedule;

/** Parsed schedules by (expression, zone): parsing per job per round would dominate the planner's cost. */
final class CronCache {

	private static final int MAX_ENTRIES = 50_000;

	private final Map<String, CronSchedule> parsed = new ConcurrentHashMap<>();

	/** @throws io.cronhive.common.cron.InvalidCronException when the stored expression does not parse */
	CronSchedule get(String expression, String timeZone) {
		String key = expression + "\n" + timeZone;
		CronSchedule schedule = this.parsed.get(key);
		if (schedule == null) {
			schedule = CronSchedule.parse(expression, timeZone);
			if (this.parsed.size() >= MAX_ENTRIES) {
				this.parsed.clear();
			}
			this.parsed.put(key, schedule);
		}
		return schedule;
	}

}
