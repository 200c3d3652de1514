package io.cronhive.master;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A throwaway database with admin-service's real migrations: H2 in MySQL mode (the embedded default) or a
 * uniquely named database on the build machine's MariaDB (127.0.0.1:3306, root), dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

	/** Where admin-service keeps the migrations; master-service never owns schema. */
	public static final String MIGRATIONS = "filesystem:../admin-service/src/main/resources/db/migration";

	private static final String MARIADB_SERVER = "jdbc:mysql://127.0.0.1:3306/";

	/** The two databases every integration test runs against. */
	public enum Kind {

		H2, MARIADB

	}

	private final Kind kind;

	private final String name;

	private final HikariDataSource dataSource;

	private TestDatabase(Kind kind) {
		this.kind = kind;
		this.name = "cronhive_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		HikariConfig config = new HikariConfig();
		if (kind == Kind.H2) {
			config.setJdbcUrl("jdbc:h2:mem:" + this.name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
			config.setUsername("sa");
		}
		else {
			execute("CREATE DATABASE " + this.name);
			config.setJdbcUrl(MARIADB_SERVER + this.name);
			config.setUsername("root");
		}
		config.setPassword("");
		config.setMaximumPoolSize(12);
		this.dataSource = new HikariDataSource(config);
		Flyway.configure().dataSource(this.dataSource).locations(MIGRATIONS).load().migrate();
	}

	public static TestDatabase create(Kind kind) {
		return new TestDatabase(kind);
	}

	public Kind kind() {
		return this.kind;
	}

	public String jdbcUrl() {
		return this.dataSource.getJdbcUrl();
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	public NamedParameterJdbcTemplate named() {
		return new NamedParameterJdbcTemplate(this.dataSource);
	}

	public TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
	}

	/** Empties what tests write and frees the leases, so each test starts from the migrated state. */
	public void reset() {
		JdbcClient jdbc = jdbc();
		for (String table : new String[] { "run_logs", "job_schedules", "worker_group_members", "worker_group_tags",
				"workers", "jobs", "worker_groups", "masters" }) {
			jdbc.sql("DELETE FROM " + table).update();
		}
		jdbc.sql("UPDATE leader_lease SET holder = NULL, epoch = 0, expires_at = TIMESTAMP '2000-01-01 00:00:00' "
				+ "WHERE id = 1").update();
		jdbc.sql("UPDATE scheduler_partitions SET holder = NULL, epoch = 0, assigned_to = NULL, "
				+ "expires_at = TIMESTAMP '2000-01-01 00:00:00'").update();
		jdbc.sql("UPDATE scheduler_epochs SET last_epoch = 1").update();
	}

	/** Inserts a job with a schedule; answers its id. */
	public long insertJob(String name, String cron, boolean scheduled, Long nextFireAt, String misfire) {
		JdbcClient jdbc = jdbc();
		jdbc.sql("INSERT INTO jobs (job_id, name, cron, time_zone, type, target, routing, misfire, concurrency, "
				+ "create_time, update_time) VALUES (?, ?, ?, 'UTC', 'http', 'http://127.0.0.1:9/', 'round_robin', ?, "
				+ "'allow', 0, 0)")
			.params(UUID.randomUUID().toString(), name, cron, misfire)
			.update();
		long id = jdbc.sql("SELECT id FROM jobs WHERE name = ?").param(name).query(Long.class).single();
		jdbc.sql("INSERT INTO job_schedules (job_id, scheduled, next_fire_at, revision, updated_at) VALUES (?, ?, ?, 1, 0)")
			.params(id, scheduled, nextFireAt)
			.update();
		return id;
	}

	/**
	 * For a database a cached Spring context keeps using until the JVM ends: dropped at exit, not after the
	 * class, so the context's background loops never see it vanish.
	 */
	public TestDatabase dropOnExit() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::close));
		return this;
	}

	@Override
	public void close() {
		this.dataSource.close();
		if (this.kind == Kind.MARIADB) {
			execute("DROP DATABASE IF EXISTS " + this.name);
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(MARIADB_SERVER, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MariaDB at 127.0.0.1:3306 (root, no password) is needed for the "
					+ "integration tests: " + ex.getMessage(), ex);
		}
	}

}
