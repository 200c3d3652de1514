package io.cronhive.worker.shutdown;

import java.time.Duration;

import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.report.ReportDelivery;
import io.cronhive.worker.run.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaAutoServiceRegistration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the agent on SIGTERM, first of all lifecycle beans: leave Eureka so masters stop choosing this
 * worker, refuse new runs (503), give running ones the shutdown grace to finish, then kill the rest, whose
 * reports ("killed: worker shutting down") are spooled like any other and delivered now or after restart.
 */
@Component
class RunDrainer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RunDrainer.class);

	/** How long shutdown waits for reports to reach a master; they are safe in the spool either way. */
	private static final Duration REPORT_FLUSH = Duration.ofSeconds(5);

	private final RunService runs;

	private final ReportDelivery delivery;

	private final ObjectProvider<EurekaAutoServiceRegistration> registration;

	private final WorkerProperties properties;

	private volatile boolean running;

	RunDrainer(RunService runs, ReportDelivery delivery, ObjectProvider<EurekaAutoServiceRegistration> registration,
			WorkerProperties properties) {
		this.runs = runs;
		this.delivery = delivery;
		this.registration = registration;
		this.properties = properties;
	}

	@Override
	public void start() {
		// Also on a restart after stop() (a paused test context, context.stop()/start()).
		this.runs.startAccepting();
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.registration.ifAvailable(r -> {
			logger.info("Shutting down: leaving the registry");
			r.stop();
		});
		this.runs.stopAccepting();
		try {
			int active = this.runs.activeCount();
			if (active > 0) {
				logger.info("Shutting down: waiting up to {} for {} running run(s)", this.properties.shutdownGrace(), active);
				if (!this.runs.awaitIdle(this.properties.shutdownGrace())) {
					logger.warn("Shutting down: killing {} run(s) still running after the grace period",
							this.runs.activeCount());
					this.runs.killAll("worker shutting down");
					this.runs.awaitIdle(this.properties.killGrace().plusSeconds(5));
				}
			}
			if (!this.delivery.awaitEmpty(REPORT_FLUSH)) {
				logger.info("Shutting down: undelivered reports stay in the spool for the next start");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops first, before the web server and before Eureka's own registration lifecycle.
		return Integer.MAX_VALUE;
	}

}
