package io.cronhive.master.leader;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The epoch this replica leads under ({@code cronhive.leader.epoch}, 0 while following) and how often it became
 * leader ({@code cronhive.leader.changes}): a climbing change count is a flapping lease.
 */
@Component
class LeaderMetrics implements LeadershipListener {

	private final AtomicLong epoch = new AtomicLong();

	private final Counter changes;

	LeaderMetrics(MeterRegistry registry) {
		Gauge.builder("cronhive.leader.epoch", this.epoch, AtomicLong::get)
			.description("Epoch this replica leads under; 0 while it follows")
			.register(registry);
		this.changes = Counter.builder("cronhive.leader.changes")
			.description("Times this replica became leader")
			.register(registry);
	}

	@Override
	public void onElected(long epoch) {
		this.epoch.set(epoch);
		this.changes.increment();
	}

	@Override
	public void onDeposed(long epoch) {
		this.epoch.compareAndSet(epoch, 0);
	}

}
