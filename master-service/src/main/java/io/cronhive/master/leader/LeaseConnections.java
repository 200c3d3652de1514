package io.cronhive.master.leader;

import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cronhive.master.config.MySqlBatching;
import io.cronhive.master.config.RecoveringDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two connections of the leader's own for renewing the lease. On the shared pool a renewal waits behind
 * whatever else holds the connections (claims, report batches, dispatch bookkeeping) and a busy leader would lose
 * its lease exactly when it has the most to do; here it never waits for a connection. Only for a Hikari pool
 * (every real deployment); anything else keeps using the shared pool.
 */
final class LeaseConnections implements AutoCloseable {

	private final HikariDataSource pool;

	private LeaseConnections(HikariDataSource pool) {
		this.pool = pool;
	}

	static LeaseConnections of(DataSource shared) {
		if (!(shared instanceof HikariDataSource hikari) || hikari.getJdbcUrl() == null) {
			return new LeaseConnections(null);
		}
		// Recovering like the shared pool: after an outage the lease must come back as soon as the database does.
		HikariDataSource pool = new RecoveringDataSource();
		pool.setPoolName("lease");
		pool.setJdbcUrl(hikari.getJdbcUrl());
		pool.setUsername(hikari.getUsername());
		pool.setPassword(hikari.getPassword());
		pool.setDataSourceProperties(hikari.getDataSourceProperties());
		pool.setTransactionIsolation(hikari.getTransactionIsolation());
		pool.setMaximumPoolSize(2);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(hikari.getConnectionTimeout());
		// Lazy like the shared pool: DatabaseReadiness decides how long to wait for the database.
		pool.setInitializationFailTimeout(-1);
		return new LeaseConnections(pool);
	}

	/** A lease on the dedicated connections, or empty to use the shared one. */
	Optional<LeaderLease> lease() {
		if (this.pool == null) {
			return Optional.empty();
		}
		return Optional.of(new LeaderLease(JdbcClient.create(this.pool),
				new TransactionTemplate(new DataSourceTransactionManager(this.pool))));
	}

	/** Presence on its own unpooled connection when the database has named locks (MySQL/MariaDB). */
	LeaderPresence presence() {
		if (!(this.pool instanceof RecoveringDataSource recovering) || !MySqlBatching.isMySql(this.pool.getJdbcUrl())) {
			return LeaderPresence.none();
		}
		return new LeaderPresence(recovering::openUnpooled, JdbcClient.create(this.pool));
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
