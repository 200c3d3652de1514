package io.cronhive.admin.alert;

import java.util.List;

/**
 * One alert to one channel and how sending it went.
 *
 * @param status {@code pending}, {@code sending}, {@code sent}, {@code failed} or {@code suppressed} (rate limit)
 * @param payload the JSON that was (or will be) sent; filled on an incident's detail only
 * @param attemptLog each attempt; filled on an incident's detail only
 */
record DeliveryView(long id, Long incidentId, long channelId, String channelName, String event, String status,
		int attempts, Long nextAttemptAt, String lastError, long createdAt, Long sentAt, String payload,
		List<Attempt> attemptLog) {

	/** One attempt: when, whether it arrived, what the receiver said, how long it took. */
	record Attempt(long at, boolean ok, String detail, long durationMs) {
	}

}
