package io.cronhive.admin.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries from the outbox: claim (conditional update with a lease), send outside any transaction,
 * record the attempt. A failed attempt is retried after an exponential backoff until
 * {@link AlertProperties#maxAttempts()}; then the delivery is failed, with every attempt on record. A sender
 * that dies mid-send leaves the row claimed until its lease passes, then it is sent again with the same
 * {@code X-Cronhive-Delivery} id: at least once, and a receiver can drop the repeat.
 */
@Component
class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	// Deliveries per round: each may take the 5 s request timeout, and the round holds the scheduler thread.
	static final int ROUND = 20;

	private final Outbox outbox;

	private final DeliverySender sender;

	private final AlertProperties properties;

	private final Clock clock;

	private final LogStorm storm = new LogStorm(Duration.ofMinutes(1));

	DeliveryWorker(Outbox outbox, DeliverySender sender, AlertProperties properties, Clock clock) {
		this.outbox = outbox;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cronhive.alert.deliver-interval:1s}", initialDelayString = "${cronhive.alert.deliver-interval:1s}")
	void scheduledRound() {
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			// Never let the scheduled task die quietly; one line per minute for a storm of the same failure.
			LogStorm.Line line = this.storm.occurred(ex.getClass().getName());
			if (line != null) {
				log.warn("Alert delivery round failed ({} time(s) in the last minute); retrying next round", line.count(),
						line.first() ? ex : null);
			}
		}
	}

	/** @return how many deliveries were attempted */
	int deliverDue() {
		long now = this.clock.millis();
		int released = this.outbox.releaseExpired(now);
		if (released > 0) {
			log.warn("{} alert deliveries were held by a sender that stopped; sending them again", released);
		}
		List<Long> due = this.outbox.due(now, ROUND);
		int attempted = 0;
		for (long id : due) {
			if (!this.outbox.claim(id, this.clock.millis(), this.clock.millis() + this.properties.sendLease().toMillis())) {
				continue; // another replica took it
			}
			Outbox.Due delivery = this.outbox.load(id);
			if (delivery != null) {
				attempt(delivery, this.properties.maxAttempts());
				attempted++;
			}
		}
		return attempted;
	}

	/** Sends a claimed delivery once and records the attempt. */
	SendResult attempt(Outbox.Due delivery, int maxAttempts) {
		long started = this.clock.millis();
		SendResult result;
		try {
			result = this.sender.send(delivery);
		}
		catch (RuntimeException ex) {
			result = SendResult.failed("could not send: " + ex.getClass().getSimpleName());
			log.warn("Sending alert delivery {} failed unexpectedly", delivery.id(), ex);
		}
		int attempt = delivery.attempts() + 1;
		boolean last = attempt >= maxAttempts;
		long now = this.clock.millis();
		this.outbox.record(delivery.id(), result, now, Math.max(0, now - started), attempt, last,
				this.properties.backoff(attempt).toMillis());
		if (result.ok()) {
			log.info("Alert delivery {} ({}) sent: {}", delivery.id(), delivery.event(), result.detail());
		}
		else {
			log.warn("Alert delivery {} ({}) attempt {} of {} failed: {}", delivery.id(), delivery.event(), attempt,
					maxAttempts, result.detail());
		}
		return result;
	}

}
