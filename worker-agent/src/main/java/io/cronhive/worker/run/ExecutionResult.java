package io.cronhive.worker.run;

/**
 * How an execution ended, before it becomes a report: ran to the end (ok or not), or ended early.
 *
 * @param ending how it ended
 * @param ok whether a finished run succeeded (exit code 0, expected HTTP status)
 * @param exitCode process exit code, HTTP status, or -1
 * @param message why it failed, or null
 */
record ExecutionResult(Ending ending, boolean ok, int exitCode, String message) {

	static ExecutionResult finished(boolean ok, int exitCode, String message) {
		return new ExecutionResult(Ending.FINISHED, ok, exitCode, message);
	}

	static ExecutionResult notStarted(String message) {
		return new ExecutionResult(Ending.NOT_STARTED, false, -1, message);
	}

	enum Ending {

		/** Ran to the end: status done, result from {@code ok}. */
		FINISHED,
		/** Killed at its timeout: status error. */
		TIMED_OUT,
		/** Killed on request or at shutdown: status error. */
		KILLED,
		/** Could not start (toolchain missing, bad target): status error. */
		NOT_STARTED

	}

}
