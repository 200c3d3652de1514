package io.cronhive.admin.alert;

import java.util.List;

/**
 * An incident in the alert history: {@code state} is {@code open} until the all-clear, then {@code resolved}.
 *
 * @param subjectKey {@code job:<id>} or {@code group:<id>}
 * @param occurrences observations folded into it (alerts are sent only when it opens and resolves)
 * @param deliveries its alerts per channel; filled on {@code GET /v1/alerts/{id}} only
 */
record IncidentView(long id, long ruleId, String ruleName, String kind, String subjectKey, String subjectName,
		String state, long openedAt, Long resolvedAt, String summary, String resolution, int occurrences,
		Long lastRunId, List<DeliveryView> deliveries) {

}
