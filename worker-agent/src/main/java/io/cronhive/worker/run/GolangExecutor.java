package io.cronhive.worker.run;

import java.nio.file.Path;
import java.util.List;

import io.cronhive.common.job.JobType;
import io.cronhive.worker.process.ProcessLauncher;
import io.cronhive.worker.process.Toolchain;

import org.springframework.stereotype.Component;

/** Go jobs: the target is a main package, written to main.go and run with {@code go run}. */
@Component
class GolangExecutor implements JobExecutor {

	static final String NO_TOOLCHAIN = "Go toolchain not found on this worker (go not on PATH)";

	private final ProcessLauncher launcher;

	GolangExecutor(ProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public JobType type() {
		return JobType.GOLANG;
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		String go = Toolchain.find("go");
		if (go == null) {
			return ExecutionResult.notStarted(NO_TOOLCHAIN);
		}
		Path source = context.writeFile("main.go", context.request().target());
		return ProcessExecution.run(this.launcher, context, List.of(go, "run", source.getFileName().toString()));
	}

}
