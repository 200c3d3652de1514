package io.cronhive.admin.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.cronhive.admin.web.Instants;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/alerts}: the alert history. An alert is an incident (opened by a rule for a job or worker group,
 * resolved by its all-clear) with the deliveries that announced it; {@code /v1/alerts/deliveries} lists every
 * delivery, test alerts included.
 */
@RestController
@RequestMapping("/v1/alerts")
class AlertHistoryController {

	private static final Set<String> STATES = Set.of("open", "resolved");

	private static final Set<String> STATUSES = Set.of(Outbox.PENDING, Outbox.SENDING, Outbox.SENT, Outbox.FAILED,
			Outbox.SUPPRESSED);

	private static final Set<String> EVENTS = Set.of("firing", "resolved", "test");

	private final AlertHistory history;

	AlertHistoryController(AlertHistory history) {
		this.history = history;
	}

	@GetMapping
	PageView<IncidentView> list(@RequestParam(required = false) String state,
			@RequestParam(required = false) String kind, @RequestParam(required = false) Long ruleId,
			@RequestParam(required = false) Long jobId, @RequestParam(required = false) String subject,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
		checkPage(page, size);
		Instants.inRange("from", from);
		Instants.inRange("to", to);
		if (state != null && !STATES.contains(state)) {
			throw new InvalidRequestException("state", "must be open or resolved");
		}
		RuleKind ruleKind = null;
		if (kind != null) {
			try {
				ruleKind = RuleKind.of(kind);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("kind", "'" + kind + "' is not a rule kind");
			}
		}
		return this.history.incidents(new AlertHistory.IncidentFilter(state, ruleKind, ruleId, jobId, subject,
				(from != null) ? from.toEpochMilli() : null, (to != null) ? to.toEpochMilli() : null), page, size);
	}

	@GetMapping("/{id}")
	IncidentView get(@PathVariable long id) {
		return this.history.incident(id);
	}

	@GetMapping("/deliveries")
	PageView<DeliveryView> deliveries(@RequestParam(required = false) Long channelId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String event,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
		checkPage(page, size);
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidRequestException("status", "must be one of " + String.join(", ", STATUSES));
		}
		if (event != null && !EVENTS.contains(event)) {
			throw new InvalidRequestException("event", "must be firing, resolved or test");
		}
		return this.history.deliveries(channelId, status, event, page, size);
	}

	private static void checkPage(int page, int size) {
		Paging.of(page, size, null, Map.of(), Sort.unsorted());
	}

}
