package io.cronhive.admin.alert;

import org.springframework.stereotype.Component;

/** Sends one delivery the way its channel takes it. */
@Component
class DeliverySender {

	private final WebhookSender webhooks;

	private final EmailSender emails;

	DeliverySender(WebhookSender webhooks, EmailSender emails) {
		this.webhooks = webhooks;
		this.emails = emails;
	}

	SendResult send(Outbox.Due delivery) {
		if (!delivery.channelEnabled() && !"test".equals(delivery.event())) {
			return SendResult.failed("the channel was disabled before the alert was sent");
		}
		return switch (delivery.type()) {
			case WEBHOOK -> this.webhooks.send(delivery);
			case EMAIL -> this.emails.send(delivery);
		};
	}

}
