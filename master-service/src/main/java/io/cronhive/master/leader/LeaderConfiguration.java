package io.cronhive.master.leader;

import javax.sql.DataSource;

import io.cronhive.common.health.Watchdog;
import io.cronhive.master.config.MasterIdentity;
import io.cronhive.master.config.MasterProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/** Starts competing for leadership once the replica can serve (reports, health), and releases it on shutdown. */
@Configuration(proxyBeanMethods = false)
class LeaderConfiguration {

	@Bean(destroyMethod = "close")
	LeaseConnections leaseConnections(DataSource dataSource) {
		return LeaseConnections.of(dataSource);
	}

	@Bean
	LeaderElector leaderElector(LeaderLease lease, LeaseConnections connections, MasterIdentity identity,
			MasterProperties properties, ObjectProvider<LeadershipListener> listeners, Watchdog watchdog) {
		LeaderElector elector = new LeaderElector(connections.lease().orElse(lease), connections.presence(), identity.instanceId(),
				properties.leaseTtl(), properties.renewInterval(), listeners);
		elector.watchedBy(watchdog);
		return elector;
	}

	@Bean
	LeaderLifecycle leaderLifecycle(LeaderElector elector) {
		return new LeaderLifecycle(elector);
	}

	record LeaderLifecycle(LeaderElector elector) {

		@EventListener(ApplicationReadyEvent.class)
		void start() {
			this.elector.start();
		}

		@EventListener(ContextClosedEvent.class)
		void stop() {
			this.elector.stop();
		}

	}

}
