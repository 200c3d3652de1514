package io.cronhive.worker.run;

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

}
