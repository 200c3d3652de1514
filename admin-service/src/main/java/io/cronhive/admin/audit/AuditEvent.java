package io.cronhive.admin.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One recorded change; never updated or deleted through the API. */
@Entity
@Table(name = "audit_events")
class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private long at;

	@Column(nullable = false, length = 64)
	private String username;

	@Column(nullable = false, length = 32)
	private String action;

	@Column(name = "entity_type", nullable = false, length = 32)
	private String entityType;

	@Column(name = "entity_id", length = 64)
	private String entityId;

	@Column(columnDefinition = "TEXT")
	private String detail;

	protected AuditEvent() {
	}

	AuditEvent(long at, String username, String action, String entityType, String entityId, String detail) {
		this.at = at;
		this.username = cut(username, 64);
		this.action = cut(action, 32);
		this.entityType = cut(entityType, 32);
		this.entityId = cut(entityId, 64);
		this.detail = cut(detail, 2000);
	}

	private static String cut(String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

	Long getId() {
		return this.id;
	}

	long getAt() {
		return this.at;
	}

	String getUsername() {
		return this.username;
	}

	String getAction() {
		return this.action;
	}

	String getEntityType() {
		return this.entityType;
	}

	String getEntityId() {
		return this.entityId;
	}

	String getDetail() {
		return this.detail;
	}

}
