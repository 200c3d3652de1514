package io.cronhive.admin.alert;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The delivery outbox ({@code alert_deliveries}). Rows are written in the transaction that opens or resolves
 * the incident they announce, so an alert is neither lost nor doubled by a crash between the two; senders then
 * claim rows with a conditional update and a lease, so two replicas never send one row at the same time.
 */
@Component
class Outbox {

	static final String PENDING = "pending";

	static final String SENDING = "sending";

	static final String SENT = "sent";

	static final String FAILED = "failed";

	static final String SUPPRESSED = "suppressed";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a delivery, or records it as suppressed when the channel already had its hourly allowance (the rate
	 * limit; suppressed rows stay visible in the history).
	 * @return the delivery's id
	 */
	long enqueue(AlertChannel channel, Long incidentId, String event, String payload, long now) {
		long lastHour = this.jdbc.sql("""
				SELECT COUNT(*) FROM alert_deliveries WHERE channel_id = ? AND created_at > ? AND status <> 'suppressed'""")
			.params(channel.getId(), now - 3_600_000L)
			.query(Long.class)
			.single();
		String status = (lastHour >= channel.getMaxPerHour()) ? SUPPRESSED : PENDING;
		String error = status.equals(SUPPRESSED)
				? "rate limit: the channel had " + lastHour + " alert(s) in the last hour (at most " + channel.getMaxPerHour() + ")"
				: null;
		return insert(channel, incidentId, event, payload, status, error, now);
	}

	/** A test alert: claimed by the caller at once, never rate limited (someone is waiting for it). */
	long enqueueClaimed(AlertChannel channel, String payload, long now, long lockedUntil) {
		long id = insert(channel, null, "test", payload, SENDING, null, now);
		this.jdbc.sql("UPDATE alert_deliveries SET locked_until = ? WHERE id = ?").params(lockedUntil, id).update();
		return id;
	}

	private long insert(AlertChannel channel, Long incidentId, String event, String payload, String status,
			String error, long now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO alert_deliveries (incident_id, channel_id, channel_name, event, payload, status, attempts,
				  next_attempt_at, last_error, created_at)
				VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")
			.params(incidentId, channel.getId(), channel.getName(), event, payload, status, now, error, now)
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** Hands deliveries whose sender died (lease expired) back to be sent. */
	int releaseExpired(long now) {
		return this.jdbc.sql("UPDATE alert_deliveries SET status = 'pending', locked_until = NULL WHERE status = 'sending' AND locked_until < ?")
			.param(now)
			.update();
	}

	List<Long> due(long now, int limit) {
		return this.jdbc.sql("SELECT id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
			.params(now, limit)
			.query(Long.class)
			.list();
	}

	/** @return whether this caller now holds the delivery */
	boolean claim(long id, long now, long lockedUntil) {
		return this.jdbc.sql("UPDATE alert_deliveries SET status = 'sending', locked_until = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?")
			.params(lockedUntil, id, now)
			.update() == 1;
	}

	Due load(long id) {
		return this.jdbc.sql("""
				SELECT d.id, d.event, d.payload, d.attempts, c.type, c.url, c.secret, c.recipients, c.enabled
				FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE d.id = ?""")
			.param(id)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					ChannelType.of(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9)))
			.optional()
			.orElse(null);
	}

	/**
	 * Records one attempt and its consequence: sent; failed for good after the last attempt; or pending again
	 * after {@code retryAfterMs}.
	 */
	void record(long id, SendResult result, long now, long durationMs, int attempt, boolean lastAttempt,
			long retryAfterMs) {
		this.jdbc.sql("INSERT INTO alert_delivery_attempts (delivery_id, at, ok, detail, duration_ms) VALUES (?, ?, ?, ?, ?)")
			.params(id, now, result.ok(), IncidentStore.cut(result.detail(), 1024), durationMs)
			.update();
		String status = result.ok() ? SENT : (lastAttempt ? FAILED : PENDING);
		this.jdbc.sql("""
				UPDATE alert_deliveries SET status = ?, attempts = ?, locked_until = NULL, next_attempt_at = ?,
				  last_error = ?, sent_at = ?
				WHERE id = ? AND status = 'sending'""")
			.params(status, attempt, now + retryAfterMs, result.ok() ? null : IncidentStore.cut(result.detail(), 1024),
					result.ok() ? now : null, id)
			.update();
	}

	/**
	 * A delivery to send, with its channel's address and key (held in memory only while sending).
	 *
	 * @param attempts attempts made before this one
	 */
	record Due(long id, String event, String payload, int attempts, ChannelType type, String url, String secret,
			String recipients, boolean channelEnabled) {

		@Override
		public String toString() {
			return "Due[id=" + this.id + ", event=" + this.event + ", type=" + this.type + "]"; // never the secret
		}

	}

}
