package io.cronhive.worker.run;

import io.cronhive.common.dispatch.RunRequest;

import io.cronhive.common.job.JobType;

/**
 * Executes one job type (one implementation per {@link JobType}, as DolphinScheduler's task plugins do), so
 * adding a type touches one class. Implementations block until the run ends and never throw for a job's own
 * failure: that is a result.
 */
interface JobExecutor {

	JobType type();

	ExecutionResult execute(RunContext context) throws Exception;

	/**
	 * Whether a run starts a process, which gets a working directory and a log file on disk for tailing. An HTTP
	 * call needs neither: its output is the response, kept in memory up to the output cap.
	 */
	default boolean forksProcess() {
		return true;
	}

	/**
	 * Work that can be done when the run is accepted, ahead of its instant (parsing, checks, building a
	 * request), so that the instant, which thousands of runs may share, is left with the call itself. The
	 * answer comes back as {@link RunContext#preparation()}; null when there is nothing to prepare.
	 */
	default Object prepare(RunRequest request) {
		return null;
	}

}
