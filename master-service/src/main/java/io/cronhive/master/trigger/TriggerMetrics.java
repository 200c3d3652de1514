package io.cronhive.master.trigger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Slots missed while no master led, by what the misfire policy made of them. */
@Component
class TriggerMetrics {

	private final Counter firedOnce;

	private final Counter skipped;

	TriggerMetrics(MeterRegistry registry) {
		this.firedOnce = Counter.builder("cronhive.trigger.missed")
			.description("Slots missed (late beyond the misfire threshold), by misfire outcome")
			.tag("outcome", "fired_once")
			.register(registry);
		this.skipped = Counter.builder("cronhive.trigger.missed")
			.description("Slots missed (late beyond the misfire threshold), by misfire outcome")
			.tag("outcome", "skipped")
			.register(registry);
	}

	void missed(Misfire policy, long count) {
		((policy == Misfire.FIRE_ONCE) ? this.firedOnce : this.skipped).increment(count);
	}

}
