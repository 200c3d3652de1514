package io.cronhive.worker.run;

import java.nio.file.Path;
import java.util.List;

import io.cronhive.common.job.JobType;
import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.process.Toolchain;

import org.springframework.stereotype.Component;

/** Python jobs: the target is source code, written to main.py and run with python3. */
@Component
class PythonExecutor implements JobExecutor {

	private final ProcessLauncher launcher;

	PythonExecutor(ProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public JobType type() {
		return JobType.PYTHON;
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		String python = Toolchain.find("python3");
		if (python == null) {
			return ExecutionResult.notStarted("Python not found on this worker (python3 not on PATH)");
		}
		Path source = context.writeFile("main.py", context.request().target());
		// -u: unbuffered, so the live tail shows print() output as it happens.
		return ProcessExecution.run(this.launcher, context, List.of(python, "-u", source.getFileName().toString()));
	}

}
