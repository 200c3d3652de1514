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
 * Three connections of the master's own for its leases: the leader's, its partitions', and the leader's
 * assignment of partitions. On the shared pool a renewal waits behind whatever else holds the connections
 * (claims, report batches, dispatch bookkeeping) and a busy master would lose its leases exactly when it has
 * the most to do; here it never waits for a connection. Only for a Hikari pool
 * (every real deployment); anything else keeps using the shared pool.
 */
public final class LeaseConnections implements AutoCloseable {

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
		pool.setMaximumPoolSize(3);
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
		return unpooled().map((connections) -> new LeaderPresence(connections, JdbcClient.create(this.pool)))
			.orElseGet(LeaderPresence::none);
	}

	/** Connections outside any pool for presence locks, when the database has named locks (MySQL/MariaDB). */
	public Optional<LeaderPresence.UnpooledConnections> unpooled() {
		if (!(this.pool instanceof RecoveringDataSource recovering) || !MySqlBatching.isMySql(this.pool.getJdbcUrl())) {
			return Optional.empty();
		}
		return Optional.of(recovering::openUnpooled);
	}

	/** The dedicated connections, or {@code shared} when there are none. */
	public DataSource dataSourceOr(DataSource shared) {
		return (this.pool != null) ? this.pool : shared;
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
