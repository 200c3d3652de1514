package io.cronhive.master.cluster;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.health.Watchdog;
import io.cronhive.master.config.MasterIdentity;
import io.cronhive.master.config.MasterProperties;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.share.MemberPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes this replica's row in {@code masters} (seed fields id, ip, status 1 leader / 2 follower, plus instance,
 * port, start, epoch) every renew interval, stamped with the database clock so admin-service can tell a silent
 * master from a live one without trusting host clocks.
 */
@Component
class ClusterHeartbeat {

	private static final Logger logger = LoggerFactory.getLogger(ClusterHeartbeat.class);

	static final int LEADER = 1;

	static final int FOLLOWER = 2;

	private final Watchdog watchdog;

	private final JdbcClient jdbc;

	private final MasterIdentity identity;

	private final LeaderElector elector;

	private final MasterProperties properties;

	private final MemberPresence presence;

	private ScheduledExecutorService executor;

	ClusterHeartbeat(JdbcClient jdbc, MasterIdentity identity, LeaderElector elector, MasterProperties properties,
			Watchdog watchdog, MemberPresence presence) {
		this.presence = presence;
		this.watchdog = watchdog;
		this.jdbc = jdbc;
		this.identity = identity;
		this.elector = elector;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").daemon().factory());
		this.executor.scheduleWithFixedDelay(this.watchdog.guard("cluster heartbeat", this::beatSafely), 0,
				this.properties.renewInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@EventListener(ContextClosedEvent.class)
	synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	void beat() {
		// Before the first beat: the leader counts a beating master whose lock is free as gone.
		this.presence.hold();
		OptionalLong epoch = this.elector.currentEpoch();
		int status = epoch.isPresent() ? LEADER : FOLLOWER;
		long shownEpoch = epoch.orElse(0);
		int updated = this.jdbc
			.sql("UPDATE masters SET ip = ?, port = ?, status = ?, epoch = ?, last_heartbeat = CURRENT_TIMESTAMP(3) "
					+ "WHERE instance_id = ?")
			.params(this.identity.ip(), this.identity.port(), status, shownEpoch, this.identity.instanceId())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO masters (instance_id, ip, port, status, started_at, last_heartbeat, epoch) "
						+ "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?)")
				.params(this.identity.instanceId(), this.identity.ip(), this.identity.port(), status,
						this.identity.startedAtMs(), shownEpoch)
				.update();
			logger.info("Joined the scheduler cluster as {} ({}:{})", this.identity.instanceId(), this.identity.ip(),
					this.identity.port());
		}
	}

	private void beatSafely() {
		try {
			beat();
		}
		catch (RuntimeException ex) {
			logger.warn("Heartbeat of {} failed: {}", this.identity.instanceId(), ex.getMessage());
		}
	}

}
