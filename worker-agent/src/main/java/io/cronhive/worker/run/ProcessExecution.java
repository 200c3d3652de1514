package io.cronhive.worker.run;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.process.RunningProcess;

/** The part every process-based executor shares: start, pump output, honour the timeout and kill requests. */
final class ProcessExecution {

	private ProcessExecution() {
	}

	static ExecutionResult run(ProcessLauncher launcher, RunContext context, List<String> command)
			throws InterruptedException {
		RunningProcess process;
		try {
			process = launcher.start(command, context.workDir(), context.environment());
		}
		catch (IOException ex) {
			return ExecutionResult.notStarted("cannot start " + command.get(0) + ": " + ex.getMessage());
		}
		context.processStarted(process.pid());
		context.onKill(process::killTree);
		ScheduledFuture<?> timeout = context.armTimeout();
		try {
			process.pumpOutput(context.output());
		}
		catch (IOException ex) {
			// The pipe broke (the tree was killed mid-write); the exit code still tells what happened.
		}
		int exitCode = process.waitFor();
		if (timeout != null) {
			timeout.cancel(false);
		}
		return context.ended(exitCode);
	}

}
