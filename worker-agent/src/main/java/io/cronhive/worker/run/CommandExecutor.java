package io.cronhive.worker.run;

import java.util.ArrayList;
import java.util.List;

import io.cronhive.common.job.JobType;
import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.process.Toolchain;

import org.springframework.stereotype.Component;

/**
 * Command-line jobs: the target is split into argv with shell-like quoting and executed directly, with no
 * shell, so nothing in it is expanded, piped or redirected.
 */
@Component
class CommandExecutor implements JobExecutor {

	private final ProcessLauncher launcher;

	CommandExecutor(ProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public JobType type() {
		return JobType.COMMAND;
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		List<String> argv;
		try {
			argv = new ArrayList<>(CommandLine.split(context.request().target()));
		}
		catch (IllegalArgumentException ex) {
			return ExecutionResult.notStarted("invalid command line: " + ex.getMessage());
		}
		if (argv.isEmpty()) {
			return ExecutionResult.notStarted("invalid command line: it is empty");
		}
		String program = argv.get(0);
		if (!program.contains("/")) {
			String resolved = Toolchain.find(program);
			if (resolved == null) {
				return ExecutionResult.notStarted("command '" + program + "' not found on this worker (not on PATH)");
			}
			argv.set(0, resolved);
		}
		return ProcessExecution.run(this.launcher, context, argv);
	}

}
