package io.cronhive.worker.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started job process. Its output is pumped by the run's own thread; killing signals the whole tree with
 * SIGTERM and, after the kill grace, SIGKILLs whatever is left. When the main process exits on its own, the
 * processes it left behind in its session are killed too, so a run's end means its processes are gone.
 */
public final class RunningProcess {

	private static final Logger logger = LoggerFactory.getLogger(RunningProcess.class);

	private final Process process;

	private final boolean ownSession;

	private final ScheduledExecutorService scheduler;

	private final Duration killGrace;

	RunningProcess(Process process, boolean ownSession, ScheduledExecutorService scheduler, Duration killGrace) {
		this.process = process;
		this.ownSession = ownSession;
		this.scheduler = scheduler;
		this.killGrace = killGrace;
		if (ownSession) {
			process.onExit().thenRunAsync(this::killLeftovers, scheduler);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	/** Copies merged stdout and stderr to {@code sink} until every writer has closed the pipe. */
	public void pumpOutput(OutputStream sink) throws IOException {
		try (InputStream in = this.process.getInputStream()) {
			in.transferTo(sink);
		}
	}

	public int waitFor() throws InterruptedException {
		return this.process.waitFor();
	}

	public boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** SIGTERM to every process of the run now, SIGKILL to the survivors after the kill grace. Non-blocking. */
	public void killTree() {
		Set<ProcessHandle> members = ProcessTree.members(this.process.toHandle(), this.ownSession);
		logger.debug("SIGTERM to {} process(es) of pid {}", members.size(), pid());
		members.forEach(ProcessHandle::destroy);
		this.scheduler.schedule(this::forceKill, this.killGrace.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void forceKill() {
		// Looked up again: the tree may have forked while it was being terminated.
		Set<ProcessHandle> survivors = ProcessTree.members(this.process.toHandle(), this.ownSession);
		if (!survivors.isEmpty()) {
			logger.info("SIGKILL to {} process(es) of pid {} that outlived SIGTERM", survivors.size(), pid());
			survivors.forEach(ProcessHandle::destroyForcibly);
		}
	}

	private void killLeftovers() {
		if (!ProcessTree.members(this.process.toHandle(), true).isEmpty()) {
			logger.info("Run process {} exited leaving processes behind; killing them", pid());
			killTree();
		}
	}

}
