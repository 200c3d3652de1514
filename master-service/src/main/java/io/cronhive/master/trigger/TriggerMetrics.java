package io.cronhive.master.trigger;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Slots missed while no master led, by what the misfire policy made of them, and how long the leader's planning
 * rounds take (a round slower than the look-ahead allows is how slots would start firing late).
 */
@Component
class TriggerMetrics {

	private final Counter firedOnce;

	private final Counter skipped;

	private final Timer rounds;

	TriggerMetrics(MeterRegistry registry) {
		this.firedOnce = Counter.builder("cronhive.trigger.missed")
			.description("Slots missed (late beyond the misfire threshold), by misfire outcome")
			.tag("outcome", "fired_once")
			.register(registry);
		this.skipped = Counter.builder("cronhive.trigger.missed")
			.description("Slots missed (late beyond the misfire threshold), by misfire outcome")
			.tag("outcome", "skipped")
			.register(registry);
		this.rounds = Timer.builder("cronhive.trigger.round")
			.description("Duration of the leader's planning rounds (recover, claim, arm)")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	/** Records one round; answers its duration in milliseconds. */
	long round(long nanos) {
		this.rounds.record(nanos, TimeUnit.NANOSECONDS);
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	void missed(Misfire policy, long count) {
		((policy == Misfire.FIRE_ONCE) ? this.firedOnce : this.skipped).increment(count);
	}

}
