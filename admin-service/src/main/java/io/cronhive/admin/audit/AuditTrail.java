package io.cronhive.admin.audit;

import java.time.Clock;
import java.time.Instant;

import io.cronhive.admin.web.PageView;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the audit trail. */
@Service
class AuditTrail {

	private final AuditEventRepository events;

	private final Clock clock;

	AuditTrail(AuditEventRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void record(String username, String action, String entityType, String entityId, String detail) {
		this.events.save(new AuditEvent(this.clock.millis(), username, action, entityType, entityId, detail));
	}

	@Transactional(readOnly = true)
	PageView<AuditEventView> search(String username, String entityType, Instant from, Instant to, Pageable pageable) {
		return PageView.of(this.events.search(username, entityType, (from != null) ? from.toEpochMilli() : null,
				(to != null) ? to.toEpochMilli() : null, pageable), AuditEventView::from);
	}

}
