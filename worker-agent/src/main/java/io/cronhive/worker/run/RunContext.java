package io.cronhive.worker.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.worker.output.OutputCapture;
import io.cronhive.worker.process.RunAsUser;

/** What an executor needs for one run: the request, its directory, environment, output, and its kill switch. */
final class RunContext {

	private final ActiveRun run;

	private final Path workDir;

	private final Map<String, String> environment;

	private final OutputCapture output;

	private final ScheduledExecutorService timers;

	private final RunAsUser runAs;

	private final LongConsumer processStarted;

	private volatile Duration armed;

	RunContext(ActiveRun run, Path workDir, Map<String, String> environment, OutputCapture output,
			ScheduledExecutorService timers, RunAsUser runAs, LongConsumer processStarted) {
		this.runAs = runAs;
		this.processStarted = processStarted;
		this.run = run;
		this.workDir = workDir;
		this.environment = environment;
		this.output = output;
		this.timers = timers;
	}

	RunRequest request() {
		return this.run.request();
	}

	/** What the executor prepared at acceptance (see {@link JobExecutor#prepare}); may be null. */
	Object preparation() {
		return this.run.preparation();
	}

	Path workDir() {
		return this.workDir;
	}

	Map<String, String> environment() {
		return this.environment;
	}

	OutputCapture output() {
		return this.output;
	}

	/** Writes a file the job reads (script, source) into the run directory, owned by the run-as user if any. */
	Path writeFile(String name, String content) throws IOException {
		Path file = this.workDir.resolve(name);
		Files.writeString(file, content);
		if (this.runAs != null) {
			this.runAs.own(file);
		}
		return file;
	}

	/** The run's timeout, or null when it has none. */
	Duration timeout() {
		long ms = this.run.request().timeoutMs();
		return (ms > 0) ? Duration.ofMillis(ms) : null;
	}

	/** Tells the agent the pid of the run's process, which leads the run's session. */
	void processStarted(long pid) {
		this.processStarted.accept(pid);
	}

	/** Registers how to kill what the executor started; runs at once if the run was already killed. */
	void onKill(Runnable hook) {
		this.run.onKill(hook);
	}

	/** Arms the run's timeout (if any); cancel the returned handle when the run ends first. */
	ScheduledFuture<?> armTimeout() {
		return armTimeout(null);
	}

	/** Arms the shorter of the run's timeout and {@code ownTimeoutMs} (a job's own limit, or null). */
	ScheduledFuture<?> armTimeout(Long ownTimeoutMs) {
		Duration timeout = timeout();
		if (ownTimeoutMs != null && ownTimeoutMs > 0 && (timeout == null || ownTimeoutMs < timeout.toMillis())) {
			timeout = Duration.ofMillis(ownTimeoutMs);
		}
		if (timeout == null) {
			return null;
		}
		this.armed = timeout;
		return this.timers.schedule(this.run::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The result of a run that ended with {@code exitCode}, accounting for a timeout or a kill. */
	ExecutionResult ended(int exitCode) {
		if (this.run.timedOut()) {
			return new ExecutionResult(ExecutionResult.Ending.TIMED_OUT, false, exitCode,
					"timed out after " + this.armed.toMillis() + " ms; the run's processes were killed");
		}
		String reason = this.run.killReason();
		if (reason != null) {
			return new ExecutionResult(ExecutionResult.Ending.KILLED, false, exitCode, "killed: " + reason);
		}
		return ExecutionResult.finished(exitCode == 0, exitCode, (exitCode == 0) ? null : "exit code " + exitCode);
	}

}
