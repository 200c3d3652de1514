package io.cronhive.admin.alert;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every alert: the JSON a webhook receives (documented in the OpenAPI document as the
 * {@code alert} webhook) and the content of an alert email. Instants are ISO-8601 UTC strings.
 *
 * @param event {@code firing} (an incident opened), {@code resolved} (its all-clear) or {@code test}
 * @param incidentId the incident, the same on its firing and resolved alerts; null for a test
 * @param summary one line a person reads: what happened to what
 * @param at when this alert was raised
 * @param openedAt when the incident opened
 * @param resolvedAt when it resolved (resolved alerts only)
 * @param runId the run that opened or resolved it, if a run did
 * @param occurrences how many observations the incident had folded in when this was raised
 */
@Schema(name = "AlertMessage", description = "The JSON body POSTed to a webhook channel, and the content of an alert email")
record AlertMessage(@Schema(allowableValues = { "firing", "resolved", "test" }) String event, Long incidentId,
		String summary, String at, Rule rule, Subject subject, String openedAt, String resolvedAt, Long runId,
		Integer occurrences) {

	/**
	 * The rule that raised the alert.
	 *
	 * @param threshold failures in a row or milliseconds, by kind
	 */
	record Rule(long id, String name, String kind, Long threshold) {
	}

	/**
	 * What the alert is about.
	 *
	 * @param type {@code job} or {@code group}
	 */
	record Subject(String type, long id, String name) {
	}

}
