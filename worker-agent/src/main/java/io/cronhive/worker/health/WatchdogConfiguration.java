package io.cronhive.worker.health;

import java.time.Duration;

import io.cronhive.common.health.Watchdog;
import io.cronhive.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's {@link Watchdog}: when the report spool writer or report delivery dies, or an Error escapes any
 * thread, health turns DOWN (liveness BROKEN, readiness REFUSING, so Kubernetes restarts it and masters stop
 * choosing it), then the agent shuts down normally (runs drain, the spool keeps what is undelivered) and exits
 * with status {@value Watchdog#EXIT_STATUS} for its supervisor (systemd, Kubernetes, up.sh) to start it
 * again; the spool delivers what it held after the restart. A halt ends a shutdown that hangs.
 */
@Configuration(proxyBeanMethods = false)
class WatchdogConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WatchdogConfiguration.class);

	@Bean(destroyMethod = "close")
	Watchdog watchdog(ConfigurableApplicationContext context, WorkerProperties properties) {
		Duration shutdownLimit = properties.shutdownGrace().plusSeconds(30);
		Watchdog watchdog = new Watchdog(Duration.ofSeconds(1), (failure) -> {
			logger.error("The agent is broken ({}): health is DOWN and it exits with status {} so that its "
					+ "supervisor restarts it", failure, Watchdog.EXIT_STATUS);
			AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			Watchdog.exit(shutdownLimit, () -> SpringApplication.exit(context, () -> Watchdog.EXIT_STATUS));
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
