package io.cronhive.master.config;

import io.cronhive.common.signing.ClusterSecret;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the two start-up mistakes operators make (no cluster secret, no database or schema) into one clear
 * message instead of a page of bean-creation stack trace.
 */
class StartupFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DatabaseNotReadyException) {
				return new FailureAnalysis(t.getMessage(),
						"Check CRONHIVE_DB_URL and that admin-service has started against the same database.", t);
			}
			if (t instanceof IllegalStateException && t.getMessage() != null
					&& t.getMessage().contains(ClusterSecret.ENV)) {
				return new FailureAnalysis(t.getMessage(),
						"Set " + ClusterSecret.ENV + " to the same value on every master and worker.", t);
			}
		}
		return null;
	}

}
