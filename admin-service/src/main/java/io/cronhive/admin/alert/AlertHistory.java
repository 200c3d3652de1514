package io.cronhive.admin.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the alert history: incidents (newest first) with their deliveries and attempts, and deliveries alone. */
@Service
class AlertHistory {

	private final JdbcClient jdbc;

	AlertHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	PageView<IncidentView> incidents(IncidentFilter filter, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		List<String> where = new ArrayList<>();
		if (filter.state() != null) {
			where.add(filter.state().equals("open") ? "open_key IS NOT NULL" : "open_key IS NULL");
		}
		if (filter.kind() != null) {
			where.add("kind = :kind");
			params.put("kind", filter.kind().wireName());
		}
		if (filter.ruleId() != null) {
			where.add("rule_id = :ruleId");
			params.put("ruleId", filter.ruleId());
		}
		if (filter.jobId() != null) {
			where.add("subject_key = :subjectKey");
			params.put("subjectKey", "job:" + filter.jobId());
		}
		if (filter.subject() != null && !filter.subject().isBlank()) {
			where.add("LOWER(subject_name) LIKE :subject");
			params.put("subject", "%" + filter.subject().trim().toLowerCase(Locale.ROOT).replace("%", "\\%") + "%");
		}
		if (filter.from() != null) {
			where.add("opened_at >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			where.add("opened_at < :to");
			params.put("to", filter.to());
		}
		String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM alert_incidents" + clause).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<IncidentView> items = this.jdbc
			.sql("SELECT * FROM alert_incidents" + clause + " ORDER BY opened_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.query((rs, n) -> incident(rs, null))
			.list();
		return new PageView<>(items, page, size, total);
	}

	@Transactional(readOnly = true)
	IncidentView incident(long id) {
		List<DeliveryView> deliveries = deliveries(" WHERE d.incident_id = :id", Map.of("id", id), 1000, 0, true);
		return this.jdbc.sql("SELECT * FROM alert_incidents WHERE id = ?")
			.param(id)
			.query((rs, n) -> incident(rs, deliveries))
			.optional()
			.orElseThrow(() -> new NotFoundException("alert", id));
	}

	@Transactional(readOnly = true)
	PageView<DeliveryView> deliveries(Long channelId, String status, String event, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		List<String> where = new ArrayList<>();
		if (channelId != null) {
			where.add("d.channel_id = :channelId");
			params.put("channelId", channelId);
		}
		if (status != null) {
			where.add("d.status = :status");
			params.put("status", status);
		}
		if (event != null) {
			where.add("d.event = :event");
			params.put("event", event);
		}
		String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM alert_deliveries d" + clause).params(params).query(Long.class).single();
		return new PageView<>(deliveries(clause, params, size, (long) page * size, false), page, size, total);
	}

	private List<DeliveryView> deliveries(String clause, Map<String, Object> given, int limit, long offset,
			boolean detailed) {
		Map<String, Object> params = new LinkedHashMap<>(given);
		params.put("limit", limit);
		params.put("offset", offset);
		List<DeliveryView> rows = this.jdbc
			.sql("SELECT d.* FROM alert_deliveries d" + clause + " ORDER BY d.id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.query((rs, n) -> new DeliveryView(rs.getLong("id"), nullableLong(rs, "incident_id"), rs.getLong("channel_id"),
					rs.getString("channel_name"), rs.getString("event"), rs.getString("status"), rs.getInt("attempts"),
					rs.getString("status").equals(Outbox.PENDING) ? rs.getLong("next_attempt_at") : null,
					rs.getString("last_error"), rs.getLong("created_at"), nullableLong(rs, "sent_at"),
					detailed ? rs.getString("payload") : null, null))
			.list();
		if (!detailed) {
			return rows;
		}
		return rows.stream()
			.map((d) -> new DeliveryView(d.id(), d.incidentId(), d.channelId(), d.channelName(), d.event(), d.status(),
					d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.sentAt(), d.payload(),
					this.jdbc.sql("SELECT at, ok, detail, duration_ms FROM alert_delivery_attempts WHERE delivery_id = ? ORDER BY id")
						.param(d.id())
						.query((rs, n) -> new DeliveryView.Attempt(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getLong(4)))
						.list()))
			.toList();
	}

	private static IncidentView incident(ResultSet rs, List<DeliveryView> deliveries) throws SQLException {
		return new IncidentView(rs.getLong("id"), rs.getLong("rule_id"), rs.getString("rule_name"), rs.getString("kind"),
				rs.getString("subject_key"), rs.getString("subject_name"),
				(rs.getString("open_key") != null) ? "open" : "resolved", rs.getLong("opened_at"),
				nullableLong(rs, "resolved_at"), rs.getString("summary"), rs.getString("resolution"),
				rs.getInt("occurrences"), nullableLong(rs, "last_run_id"), deliveries);
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * The filters of {@code GET /v1/alerts}.
	 *
	 * @param state {@code open} or {@code resolved}
	 * @param from opened at or after (Unix ms)
	 * @param to opened before (Unix ms)
	 */
	record IncidentFilter(String state, RuleKind kind, Long ruleId, Long jobId, String subject, Long from, Long to) {
	}

}
