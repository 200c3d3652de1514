package io.cronhive.master.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecoveringDataSourceTests {

	private final RecoveringDataSource dataSource = new RecoveringDataSource();

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void anEmptiedPoolHandsOutDirectConnectionsSetUpLikeItsOwnUntilItRefills() throws SQLException {
		configure("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		try (Connection pooled = this.dataSource.getConnection()) {
			assertThat(answer(pooled)).isEqualTo(1);
		}
		// What an outage leaves: every connection evicted, the adder not yet back.
		this.dataSource.getHikariPoolMXBean().softEvictConnections();
		assertThat(this.dataSource.getHikariPoolMXBean().getTotalConnections()).isZero();

		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(this.dataSource.directConnections()).isEqualTo(2);
			assertThat(this.dataSource.getHikariPoolMXBean().getTotalConnections()).isZero();
			assertThat(answer(first)).isEqualTo(1);
			assertThat(first.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
			assertThat(first.getAutoCommit()).isTrue();
			// A third caller while both direct connections are out waits for the pool as before.
			try (Connection third = this.dataSource.getConnection()) {
				assertThat(answer(third)).isEqualTo(1);
				assertThat(this.dataSource.getHikariPoolMXBean().getTotalConnections()).isPositive();
			}
			first.close();
			assertThat(this.dataSource.directConnections()).isEqualTo(1);
		}
		assertThat(this.dataSource.directConnections()).isZero();

		// The pool holds a connection again: nothing goes around it any more.
		try (Connection pooled = this.dataSource.getConnection()) {
			assertThat(this.dataSource.directConnections()).isZero();
			assertThat(answer(pooled)).isEqualTo(1);
		}
	}

	@Test
	void aDatabaseStillAwayFailsTheDirectConnectionAndGivesItsPlaceBack() {
		configure("jdbc:mysql://127.0.0.1:1/none");
		this.dataSource.setConnectionTimeout(250);
		// The first call starts the (lazy) pool, which cannot connect.
		assertThatExceptionOfType(SQLException.class).isThrownBy(this.dataSource::getConnection);
		for (int i = 0; i < 2 * RecoveringDataSource.DIRECT_CONNECTIONS; i++) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(this.dataSource::getConnection);
			assertThat(this.dataSource.directConnections()).isZero();
		}
	}

	private void configure(String url) {
		this.dataSource.setJdbcUrl(url);
		this.dataSource.setUsername("sa");
		this.dataSource.setPassword("");
		this.dataSource.setMinimumIdle(0);
		this.dataSource.setMaximumPoolSize(4);
		this.dataSource.setInitializationFailTimeout(-1);
		this.dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
	}

	private static int answer(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
