package io.cronhive.master.config;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds the start until the database answers and holds admin-service's schema, because master-service never
 * migrates: it waits a bounded time (admin-service may still be creating the schema), then fails the start
 * with one sentence saying which of the two is missing.
 */
@Component
class DatabaseReadiness implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseReadiness.class);

	private final JdbcClient jdbc;

	private final MasterProperties properties;

	private final Environment environment;

	private final Clock clock;

	DatabaseReadiness(JdbcClient jdbc, MasterProperties properties, Environment environment, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = this.clock.millis();
		boolean announced = false;
		while (true) {
			Problem problem = probe();
			if (problem == null) {
				return;
			}
			Duration waited = Duration.ofMillis(this.clock.millis() - start);
			Duration limit = problem.unreachable() ? this.properties.databaseWait() : this.properties.schemaWait();
			if (waited.compareTo(limit) >= 0) {
				throw new DatabaseNotReadyException(describe(problem, waited), problem.cause());
			}
			if (!announced) {
				logger.info("Waiting up to {} for the database: {}", limit, problem.summary());
				announced = true;
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DatabaseNotReadyException("Interrupted while waiting for the database", ex);
			}
		}
	}

	private Problem probe() {
		try {
			this.jdbc.sql("SELECT epoch FROM leader_lease WHERE id = 1").query(Long.class).optional();
			this.jdbc.sql("SELECT COUNT(*) FROM job_schedules").query(Long.class).single();
			this.jdbc.sql("SELECT COUNT(*) FROM masters").query(Long.class).single();
			this.jdbc.sql("SELECT cluster_id FROM cluster_identity WHERE id = 1").query(String.class).single();
			return null;
		}
		catch (DataAccessException ex) {
			boolean unreachable = isConnectionProblem(ex);
			String summary = unreachable ? "cannot connect (" + rootMessage(ex) + ")"
					: "schema missing (" + rootMessage(ex) + "); admin-service creates it at its first start";
			return new Problem(unreachable, summary, ex);
		}
	}

	private String describe(Problem problem, Duration waited) {
		String url = this.environment.getProperty("spring.datasource.url", "(not set)");
		if (problem.unreachable()) {
			return "cronhive master-service cannot reach its database at " + url + " after " + waited.toSeconds()
					+ " s: " + problem.summary() + ". Set CRONHIVE_DB_URL (with CRONHIVE_DB_USERNAME and "
					+ "CRONHIVE_DB_PASSWORD) to the database admin-service uses, or unset it for the embedded H2 "
					+ "database under CRONHIVE_DATA_DIR.";
		}
		return "cronhive master-service found no cronhive schema at " + url + " after waiting "
				+ waited.toSeconds() + " s: " + problem.summary() + ". Start admin-service against the same "
				+ "database first (it owns the Flyway migrations; master-service never migrates).";
	}

	private static boolean isConnectionProblem(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
				return true;
			}
			if (t.getClass().getSimpleName().equals("CannotGetJdbcConnectionException")) {
				return true;
			}
		}
		return false;
	}

	static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().lines().findFirst().orElse("") : "";
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	private record Problem(boolean unreachable, String summary, Throwable cause) {
	}

}
