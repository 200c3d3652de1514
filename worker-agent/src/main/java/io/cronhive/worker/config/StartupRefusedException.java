package io.cronhive.worker.config;

/**
 * Thrown while the agent starts when its configuration makes it unsafe or impossible to run (no cluster
 * secret, a data directory held by another agent, run-as user without root). It carries an operator-facing
 * message and action that {@link StartupRefusedFailureAnalyzer} prints as the last thing in the log.
 */
public class StartupRefusedException extends IllegalStateException {

	private final String action;

	public StartupRefusedException(String message, String action) {
		super(message);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
