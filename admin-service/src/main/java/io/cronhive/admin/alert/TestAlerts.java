package io.cronhive.admin.alert;

import java.time.Clock;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Send a test alert": one attempt, now, recorded like any delivery (event {@code test}), answered with how it
 * went, so an operator sees at once whether the URL, the signature check or the mail server work.
 */
@Component
class TestAlerts {

	private final AlertChannelService channels;

	private final Outbox outbox;

	private final DeliveryWorker worker;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final AlertProperties properties;

	private final Clock clock;

	TestAlerts(AlertChannelService channels, Outbox outbox, DeliveryWorker worker, TransactionTemplate transactions,
			JsonMapper json, AlertProperties properties, Clock clock) {
		this.channels = channels;
		this.outbox = outbox;
		this.worker = worker;
		this.transactions = transactions;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	TestAlertResult send(long channelId, String username) {
		long now = this.clock.millis();
		Long id = this.transactions.execute((status) -> {
			AlertChannel channel = this.channels.find(channelId);
			AlertMessage message = new AlertMessage("test", null,
					"Test alert for channel '" + channel.getName() + "', sent by " + username,
					Instant.ofEpochMilli(now).toString(), null, null, null, null, null, null);
			return this.outbox.enqueueClaimed(channel, this.json.writeValueAsString(message), now,
					now + this.properties.sendLease().toMillis());
		});
		Outbox.Due due = this.outbox.load(id);
		SendResult result = this.worker.attempt(due, 1);
		return new TestAlertResult(id, result.ok(), result.detail());
	}

	/**
	 * The answer to a test: whether it was delivered and what the receiver said.
	 *
	 * @param deliveryId the recorded delivery (listed under {@code /v1/alerts/deliveries})
	 */
	record TestAlertResult(long deliveryId, boolean delivered, String detail) {
	}

}
