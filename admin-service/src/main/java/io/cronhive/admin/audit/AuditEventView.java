package io.cronhive.admin.audit;

import java.time.Instant;

/**
 * One audit event as listed.
 *
 * @param id event id
 * @param at when the change was made
 * @param username who made it
 * @param action create, update, delete, or the operation named by the path (start, stop, run, kill, password)
 * @param entityType the resource, as its path names it (jobs, workers, users, auth/tokens...)
 * @param entityId the resource id from the path or the Location header
 * @param detail method, path and status, plus the job ids of a scheduling batch
 */
record AuditEventView(long id, Instant at, String username, String action, String entityType, String entityId,
		String detail) {

	static AuditEventView from(AuditEvent event) {
		return new AuditEventView(event.getId(), Instant.ofEpochMilli(event.getAt()), event.getUsername(),
				event.getAction(), event.getEntityType(), event.getEntityId(), event.getDetail());
	}

}
