package io.cronhive.admin.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns "the database is not there" into one sentence naming the URL and the cause, instead of a page of
 * Hikari and Flyway stack trace, because it is the first thing a new installation gets wrong.
 */
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	DatabaseUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		Throwable connectionProblem = findConnectionProblem(failure);
		if (connectionProblem == null) {
			return null;
		}
		String url = this.environment.getProperty("spring.datasource.url", "(not set)");
		String description = "cronhive admin-service cannot reach its database at " + url + ": "
				+ rootMessage(connectionProblem) + ".";
		String action = "Set CRONHIVE_DB_URL (with CRONHIVE_DB_USERNAME and CRONHIVE_DB_PASSWORD) to a reachable "
				+ "MySQL database, or unset it to use the embedded H2 database under CRONHIVE_DATA_DIR.";
		return new FailureAnalysis(description, action, failure);
	}

	private static Throwable findConnectionProblem(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof ConnectException || t instanceof UnknownHostException) {
				return t;
			}
			if (t instanceof SQLException sql && isConnectionState(sql)) {
				return t;
			}
			String name = t.getClass().getName();
			if (name.endsWith("CannotGetJdbcConnectionException") || name.endsWith("CommunicationsException")) {
				return t;
			}
		}
		return null;
	}

	// SQLState class 08 is "connection exception"; 28 is "invalid authorization" (wrong user or password).
	private static boolean isConnectionState(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("08") || state.startsWith("28"));
	}

	private static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().lines().findFirst().orElse("") : "";
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
	}

}
