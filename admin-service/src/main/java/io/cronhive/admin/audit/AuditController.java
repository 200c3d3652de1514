package io.cronhive.admin.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.Instants;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/audit-events}: the audit trail for admins, newest first, filterable. */
@RestController
@RequestMapping("/v1/audit-events")
class AuditController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "at", "at", "username", "username",
			"entityType", "entityType");

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	PageView<AuditEventView> list(@RequestParam(required = false) String username,
			@RequestParam(required = false) String entityType, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		Instants.inRange("from", from);
		Instants.inRange("to", to);
		if (from != null && to != null && !from.isBefore(to)) {
			throw new InvalidRequestException("to", "must be after from");
		}
		return this.trail.search(username, entityType, from, to,
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "at", "id")));
	}

}
