package io.cronhive.master.health;

import java.time.Duration;

import io.cronhive.common.health.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master's {@link Watchdog}: when a periodic round it cannot work without stops (lease renewal and
 * deadline, planning, run supervision, heartbeat) or an Error escapes a thread, health turns DOWN and the
 * master exits with status {@value Watchdog#EXIT_STATUS} for its supervisor to restart it. Its lease lapses
 * (or is released by the shutdown) and another replica leads meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class WatchdogConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WatchdogConfiguration.class);

	/** The shutdown releases the lease and stops the rounds; one that hangs beyond this is halted. */
	private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

	@Bean(destroyMethod = "close")
	Watchdog watchdog(ConfigurableApplicationContext context) {
		Watchdog watchdog = new Watchdog(Duration.ofSeconds(1), (failure) -> {
			logger.error("This master is broken ({}): health is DOWN and it exits with status {} so that its "
					+ "supervisor restarts it", failure, Watchdog.EXIT_STATUS);
			AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
			Watchdog.exit(SHUTDOWN_LIMIT, () -> SpringApplication.exit(context, () -> Watchdog.EXIT_STATUS));
		});
		watchdog.catchUncaughtErrors();
		return watchdog;
	}

	@Bean
	HealthIndicator watchdogHealth(Watchdog watchdog) {
		return () -> {
			String failure = watchdog.failure();
			return (failure == null) ? Health.up().build() : Health.down().withDetail("failure", failure).build();
		};
	}

}
