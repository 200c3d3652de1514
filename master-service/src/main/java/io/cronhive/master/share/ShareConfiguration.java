package io.cronhive.master.share;

import javax.sql.DataSource;

import io.cronhive.common.health.Watchdog;
import io.cronhive.master.config.MasterIdentity;
import io.cronhive.master.config.MasterProperties;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.leader.LeaseConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Partition leases on the master's own lease connections; the keeper runs once the master can serve. */
@Configuration(proxyBeanMethods = false)
class ShareConfiguration {

	@Bean
	PartitionLeases partitionLeases(LeaseConnections connections, DataSource shared) {
		DataSource dataSource = connections.dataSourceOr(shared);
		return new PartitionLeases(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	@Bean(destroyMethod = "close")
	MemberPresence memberPresence(LeaseConnections connections, DataSource shared, MasterIdentity identity) {
		return connections.unpooled()
			.map((unpooled) -> new MemberPresence(unpooled, JdbcClient.create(connections.dataSourceOr(shared)),
					identity.instanceId()))
			.orElseGet(MemberPresence::none);
	}

	@Bean
	ShareKeeper shareKeeper(PartitionLeases leases, MemberPresence presence, MasterIdentity identity,
			MasterProperties properties, ObjectProvider<ShareListener> listeners, Watchdog watchdog) {
		ShareKeeper keeper = new ShareKeeper(leases, presence, identity.instanceId(), properties.leaseTtl(),
				properties.shareInterval(), listeners);
		keeper.watchedBy(watchdog);
		return keeper;
	}

	@Bean
	ShareCoordinator shareCoordinator(PartitionLeases leases, MemberPresence presence, LeaderElector elector,
			MasterProperties properties, Watchdog watchdog) {
		// A master beats every renew interval: one that missed a whole lease's worth of beats is not counted.
		return new ShareCoordinator(leases, presence, elector, properties.shareInterval(), properties.leaseTtl(),
				watchdog);
	}

	@Bean
	ShareLifecycle shareLifecycle(ShareKeeper keeper) {
		return new ShareLifecycle(keeper);
	}

	record ShareLifecycle(ShareKeeper keeper) {

		@EventListener(ApplicationReadyEvent.class)
		void start() {
			this.keeper.start();
		}

		@EventListener(ContextClosedEvent.class)
		void stop() {
			this.keeper.stop();
		}

	}

}
