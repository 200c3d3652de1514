package io.cronhive.worker.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.cronhive.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Starts job processes: in a new session ({@code setsid}) so the whole tree can be found and killed, as the
 * configured unprivileged user ({@code setpriv}) when the agent runs as root, with stdin from /dev/null,
 * stderr merged into stdout, and an environment stripped of the agent's own {@code CRONHIVE_*} settings (the
 * cluster secret among them) plus the run's parameters.
 */
@Component
public class ProcessLauncher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProcessLauncher.class);

	private final WorkerProperties properties;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("process-killer").daemon().factory());

	private final String setsid = Toolchain.find("setsid");

	private final String setpriv = Toolchain.find("setpriv");

	private final RunAsUser runAs;

	ProcessLauncher(WorkerProperties properties) {
		this.properties = properties;
		this.runAs = RunAsUser.resolve(properties, this.setpriv);
		if (this.setsid == null) {
			logger.warn("setsid not found: a run's orphaned background processes cannot be found when it is killed");
		}
	}

	/** The user runs execute as, or null for the agent's own user. */
	public RunAsUser runAs() {
		return this.runAs;
	}

	/**
	 * Starts {@code command} in {@code workDir}.
	 * @throws IOException when the program cannot be started (not found, not executable)
	 */
	public RunningProcess start(List<String> command, Path workDir, Map<String, String> environment)
			throws IOException {
		List<String> full = new ArrayList<>();
		if (this.setsid != null) {
			full.add(this.setsid);
		}
		if (this.runAs != null) {
			full.addAll(this.runAs.setprivPrefix());
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(name -> name.startsWith("CRONHIVE_") || name.equals("JAVA_TOOL_OPTIONS"));
		if (this.runAs != null) {
			env.putAll(this.runAs.environment());
		}
		env.putAll(environment);
		return new RunningProcess(builder.start(), this.setsid != null, this.scheduler, this.properties.killGrace());
	}

	/** Kills the processes a crashed agent's run left in its session (see ProcessTree#killMarkedSession). */
	public int killOrphans(long sessionId, long runId) {
		return ProcessTree.killMarkedSession(sessionId, "CRONHIVE_RUN_ID=" + runId);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
