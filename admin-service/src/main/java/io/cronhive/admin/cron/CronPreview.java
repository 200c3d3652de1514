package io.cronhive.admin.cron;

import java.util.List;

/**
 * The answer of the cron preview, fixed by DESIGN §3 because tools outside the project rely on it.
 *
 * @param cron the expression as given (whitespace normalised)
 * @param timeZone the zone the fire times were computed in
 * @param description the expression in English
 * @param nextFireTimes ISO-8601 UTC instants strictly after {@code from}, in order
 */
record CronPreview(String cron, String timeZone, String description, List<String> nextFireTimes) {

}
