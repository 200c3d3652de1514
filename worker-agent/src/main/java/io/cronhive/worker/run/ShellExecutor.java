package io.cronhive.worker.run;

import java.nio.file.Path;
import java.util.List;

import io.cronhive.common.job.JobType;
import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.process.Toolchain;

import org.springframework.stereotype.Component;

/** Shell jobs: the target is a script body, written to the run's directory and run with bash. */
@Component
class ShellExecutor implements JobExecutor {

	private final ProcessLauncher launcher;

	ShellExecutor(ProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public JobType type() {
		return JobType.SHELL;
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		String bash = Toolchain.find("bash");
		if (bash == null) {
			return ExecutionResult.notStarted("bash not found on this worker (bash not on PATH)");
		}
		Path script = context.writeFile("script.sh", context.request().target());
		return ProcessExecution.run(this.launcher, context, List.of(bash, script.getFileName().toString()));
	}

}
