package io.cronhive.worker.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputCapture;
import io.cronhive.worker.output.OutputLogs;
import io.cronhive.worker.process.ProcessLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

/**
 * Decides whether a dispatched run starts (once per run id, not from a deposed leader, within the concurrency
 * limit, not while draining), then executes it on its own thread and hands the result to the
 * {@link RunReporter}. Acceptance is serialized so the journal, the epoch and the slots move together.
 */
@Service
public class RunService implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunService.class);

	private final WorkerProperties properties;

	private final RunJournal journal;

	private final Map<JobType, JobExecutor> executors = new EnumMap<>(JobType.class);

	private final OutputLogs logs;

	private final RunReporter reporter;

	private final ProcessLauncher launcher;

	private final Clock clock;

	private final Semaphore slots;

	private final Map<Long, ActiveRun> active = new ConcurrentHashMap<>();

	private final ExecutorService runThreads = Executors
		.newThreadPerTaskExecutor(Thread.ofPlatform().name("run-", 1).factory());

	private final ScheduledExecutorService timers = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("run-timeouts").daemon().factory());

	private final RunMetrics metrics;

	private volatile boolean accepting = true;

	RunService(WorkerProperties properties, RunJournal journal, List<JobExecutor> executors, OutputLogs logs,
			RunReporter reporter, ProcessLauncher launcher, Clock clock, RunMetrics metrics) {
		this.metrics = metrics;
		metrics.activeRuns(this);
		this.properties = properties;
		this.journal = journal;
		executors.forEach(e -> this.executors.put(e.type(), e));
		this.logs = logs;
		this.reporter = reporter;
		this.launcher = launcher;
		this.clock = clock;
		this.slots = new Semaphore(properties.maxConcurrentRuns());
		reporter.reportInterrupted(journal);
	}

	AcceptResult accept(RunRequest request) throws IOException {
		AcceptResult result = decide(request);
		this.metrics.dispatch(result);
		return result;
	}

	private synchronized AcceptResult decide(RunRequest request) throws IOException {
		if (!this.accepting) {
			return new AcceptResult.ShuttingDown();
		}
		// A known id is acknowledged whatever its epoch: it is a repeat of a dispatch this agent already took.
		if (this.journal.knows(request.runId())) {
			logger.info("Run {} of job {} already known; not running it again", request.runId(), request.jobId());
			return new AcceptResult.AlreadyKnown();
		}
		long highest = this.journal.highestEpoch();
		if (request.epoch() < highest) {
			logger.warn("Refused run {} of job {}: epoch {} is lower than {} (deposed leader)", request.runId(),
					request.jobId(), request.epoch(), highest);
			return new AcceptResult.StaleEpoch(request.epoch(), highest);
		}
		if (!this.slots.tryAcquire()) {
			logger.info("Refused run {} of job {}: all {} run slots busy", request.runId(), request.jobId(),
					this.properties.maxConcurrentRuns());
			return new AcceptResult.AtCapacity(this.properties.maxConcurrentRuns());
		}
		try {
			this.journal.accepted(request.runId(), request.epoch());
		}
		catch (IOException | RuntimeException ex) {
			this.slots.release();
			throw ex;
		}
		ActiveRun run = new ActiveRun(request, this.clock.millis());
		this.active.put(request.runId(), run);
		logger.info("Started run {} of job {} '{}' ({}, epoch {}, attempt {})", request.runId(), request.jobId(),
				request.jobName(), request.type().wireName(), request.epoch(), request.attempt());
		this.runThreads.execute(() -> execute(run));
		return new AcceptResult.Accepted();
	}

	/** @return whether the run was running here and is now being killed */
	boolean kill(long runId, String reason) {
		ActiveRun run = this.active.get(runId);
		if (run == null) {
			return false;
		}
		logger.info("Killing run {}: {}", runId, reason);
		run.kill(reason);
		return true;
	}

	boolean isActive(long runId) {
		return this.active.containsKey(runId);
	}

	public int activeCount() {
		return this.active.size();
	}

	/** Refuses new runs from now on (shutdown). */
	public void stopAccepting() {
		this.accepting = false;
	}

	/** Accepts runs again after a stop, when the context is restarted rather than closed. */
	public void startAccepting() {
		this.accepting = true;
	}

	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.active.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return this.active.isEmpty();
	}

	public void killAll(String reason) {
		Collection<ActiveRun> runs = List.copyOf(this.active.values());
		runs.forEach(run -> kill(run.request().runId(), reason));
	}

	private void execute(ActiveRun run) {
		RunRequest request = run.request();
		Path workDir = this.properties.workDir().resolve(Long.toString(request.runId()));
		ExecutionResult result;
		OutputCapture output = null;
		try {
			output = this.logs.open(request.runId());
			Files.createDirectories(workDir);
			if (this.launcher.runAs() != null) {
				this.launcher.runAs().own(workDir);
			}
			JobExecutor executor = this.executors.get(request.type());
			result = (executor != null) ? executor.execute(new RunContext(run, workDir,
					RunEnvironment.of(request, workDir), output, this.timers, this.launcher.runAs(),
					(pid) -> recordPid(request.runId(), pid)))
					: ExecutionResult.notStarted("no executor for job type " + request.type());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result = ExecutionResult.notStarted("interrupted while running");
		}
		catch (Exception ex) {
			logger.error("Run {} failed inside the agent", request.runId(), ex);
			result = ExecutionResult.notStarted("the worker agent could not run it: " + ex);
		}
		finally {
			deleteQuietly(workDir);
		}
		try {
			this.reporter.finished(run, result, output);
		}
		finally {
			closeQuietly(output);
			this.active.remove(request.runId());
			this.slots.release();
		}
	}

	private void recordPid(long runId, long pid) {
		try {
			this.journal.started(runId, pid);
		}
		catch (IOException ex) {
			// Only the clean-up after a crash needs it; the run goes on.
			logger.warn("Cannot record the pid of run {} in the journal: {}", runId, ex.toString());
		}
	}

	private static void deleteQuietly(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			logger.warn("Cannot delete run directory {}: {}", dir, ex.toString());
		}
	}

	private static void closeQuietly(OutputCapture output) {
		if (output != null) {
			try {
				output.close();
			}
			catch (IOException ex) {
				// the log is complete as far as it got
			}
		}
	}

	@Override
	public void close() {
		this.timers.shutdownNow();
		this.runThreads.shutdown();
	}

}
