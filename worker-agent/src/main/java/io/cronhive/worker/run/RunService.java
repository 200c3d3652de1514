package io.cronhive.worker.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.common.log.LogStorm;
import io.cronhive.worker.config.StartupRefusedException;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputCapture;
import io.cronhive.worker.output.OutputLogs;
import io.cronhive.worker.process.ProcessLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

/**
 * Decides whether a dispatched run starts (once per run id, not from a master deposed from its partition,
 * within the concurrency limit, not while draining), then executes it at its instant (an HTTP run on one of the
 * {@link HttpLanes}, a process run on a thread of its own) and hands the result to the {@link RunReporter}.
 * Acceptance is serialized so the journal, the epochs and the slots move together; the journal's fsync happens
 * outside that lock, shared by every run accepted meanwhile.
 */
@Service
public class RunService implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunService.class);

	private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

	private final WorkerProperties properties;

	private final RunJournal journal;

	private final Map<JobType, JobExecutor> executors = new EnumMap<>(JobType.class);

	private final OutputLogs logs;

	private final RunReporter reporter;

	private final ProcessLauncher launcher;

	private final Clock clock;

	private final Semaphore processSlots;

	private final Semaphore httpSlots;

	private final int httpLimit;

	private final AdmissionBudget budget;

	private final StartTimer startTimer;

	private final Map<Long, ActiveRun> active = new ConcurrentHashMap<>();

	private final ExecutorService runThreads = Executors
		.newThreadPerTaskExecutor(Thread.ofPlatform().name("run-", 1).factory());

	private final ScheduledThreadPoolExecutor timers = timers();

	private final HttpLanes httpLanes;

	private final RunMetrics metrics;

	private final LogStorm refusals = new LogStorm(REFUSAL_LOG_INTERVAL);

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
		this.budget = new AdmissionBudget(Runtime.getRuntime().maxMemory(), properties.outputCapBytes().toBytes());
		this.httpLimit = httpLimit(properties, this.budget);
		metrics.admission(this.budget, this.httpLimit);
		this.processSlots = new Semaphore(properties.maxConcurrentRuns());
		this.httpSlots = new Semaphore(this.httpLimit);
		this.httpLanes = new HttpLanes(properties.httpConnectionsPerHost(), this.httpLimit, this::execute,
				this.timers);
		this.startTimer = new StartTimer(clock, properties.maxStartDelay().toMillis(), this::launch);
		reporter.reportInterrupted(journal);
	}

	/**
	 * HTTP runs this agent takes at once: what its heap carries ({@link AdmissionBudget}), or the configured
	 * limit when that is lower.
	 */
	private static int httpLimit(WorkerProperties properties, AdmissionBudget budget) {
		int carried = budget.runsItCarries();
		if (carried < properties.maxConcurrentRuns() + 1) {
			throw new StartupRefusedException("A heap of " + (Runtime.getRuntime().maxMemory() >> 20)
					+ " MB leaves room for " + carried + " run(s) after the agent's own "
					+ (AdmissionBudget.IDLE_LIVE_BYTES >> 20) + " MB.", "Give the agent a larger heap: at least -Xmx"
							+ ((AdmissionBudget.IDLE_LIVE_BYTES >> 20) + 32) + "m (CRONHIVE_WORKER_JAVA_OPTS).");
		}
		int configured = properties.maxConcurrentHttpRuns();
		if (configured > carried) {
			logger.warn("cronhive.worker.max-concurrent-http-runs is {}, but a heap of {} MB carries {} HTTP runs "
					+ "in flight; taking at most {}", configured, Runtime.getRuntime().maxMemory() >> 20, carried,
					carried);
		}
		int limit = (configured > 0) ? Math.min(configured, carried) : carried;
		logger.info("Taking up to {} HTTP run(s) and {} process run(s) at once (heap {} MB, run budget {} MB)", limit,
				properties.maxConcurrentRuns(), Runtime.getRuntime().maxMemory() >> 20, budget.capacity() >> 20);
		return limit;
	}

	AcceptResult accept(RunRequest request) throws IOException {
		return acceptAll(List.of(request)).get(0);
	}

	/**
	 * Judges a batch of dispatched runs, one verdict each in order, makes the accepted ones durable in the
	 * journal with one shared fsync, then starts each at its instant. Nothing starts before its acceptance is
	 * on disk, so a crash cannot lead to a run that a restarted agent would not know it took.
	 * @throws IOException when the journal cannot be written; then none of the batch was taken
	 */
	List<AcceptResult> acceptAll(List<RunRequest> requests) throws IOException {
		List<AcceptResult> results = new ArrayList<>(requests.size());
		List<ActiveRun> accepted = new ArrayList<>();
		long durableAt = 0;
		// Read once per batch: a heap still full after a collection refuses the whole batch at once.
		boolean pressure = this.budget.underPressure();
		synchronized (this) {
			try {
				for (RunRequest request : requests) {
					AcceptResult result = decide(request, pressure);
					results.add(result);
					if (result instanceof AcceptResult.Accepted) {
						durableAt = this.journal.recordAccepted(request.runId(), request.epoch(), request.partition());
						ActiveRun run = new ActiveRun(request, this.clock.millis());
						this.active.put(request.runId(), run);
						accepted.add(run);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				abandon(accepted);
				throw ex;
			}
		}
		if (!accepted.isEmpty()) {
			try {
				this.journal.awaitDurable(durableAt);
			}
			catch (IOException | RuntimeException ex) {
				synchronized (this) {
					abandon(accepted);
				}
				throw ex;
			}
		}
		for (ActiveRun run : accepted) {
			RunRequest request = run.request();
			prepare(run);
			logger.debug("Accepted run {} of job {} '{}' ({}, epoch {} {}, attempt {}, due {})", request.runId(),
					request.jobId(), request.jobName(), request.type().wireName(), request.epoch(),
					partitionName(request.partition()), request.attempt(), request.scheduledAtMs());
			this.startTimer.startAt(run, request.scheduledAtMs());
		}
		results.forEach(this.metrics::dispatch);
		logRefusedAtCapacity(results);
		logRefusedForCluster(requests, results);
		return results;
	}

	private void prepare(ActiveRun run) {
		JobExecutor executor = this.executors.get(run.request().type());
		if (executor == null) {
			return;
		}
		try {
			run.prepared(executor.prepare(run.request()));
		}
		catch (RuntimeException ex) {
			// The run itself will meet the same problem and report it.
			logger.debug("Could not prepare run {} ahead of its instant: {}", run.request().runId(), ex.toString());
		}
	}

	/**
	 * One line per limit and ten seconds, with the count: an overloaded agent refuses thousands of runs a
	 * second and must not spend what it is short of on its log.
	 */
	private void logRefusedAtCapacity(List<AcceptResult> results) {
		Map<String, Integer> refused = new LinkedHashMap<>();
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i) instanceof AcceptResult.AtCapacity full) {
				refused.merge(full.detail(), 1, Integer::sum);
			}
		}
		refused.forEach((detail, count) -> {
			LogStorm.Line line = this.refusals.occurred(detail, count);
			if (line != null) {
				logger.warn("Refused {} run(s){}: {} ({} HTTP and {} process runs in flight, {} MB of {} MB reserved)",
						line.count(), line.first() ? "" : " in the last " + REFUSAL_LOG_INTERVAL.toSeconds() + " s",
						detail, this.httpLimit - this.httpSlots.availablePermits(),
						this.properties.maxConcurrentRuns() - this.processSlots.availablePermits(),
						this.budget.reserved() >> 20,
						this.budget.capacity() >> 20);
			}
		});
	}

	private void logRefusedForCluster(List<RunRequest> requests, List<AcceptResult> results) {
		int refused = 0;
		int first = -1;
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i) instanceof AcceptResult.OtherCluster) {
				refused++;
				first = (first < 0) ? i : first;
			}
		}
		if (refused > 0 && results.get(first) instanceof AcceptResult.OtherCluster other) {
			logger.warn("Refused {} run(s) of cluster {}: {} run(s) of cluster {} are still in flight here", refused,
					requests.get(first).clusterId(), other.runsInFlight(), other.servedCluster());
		}
	}

	/** The verdict on one run, taking its slot when it is accepted. Caller holds this object's lock. */
	private AcceptResult decide(RunRequest request, boolean memoryPressure) throws IOException {
		if (!this.accepting) {
			return new AcceptResult.ShuttingDown();
		}
		String served = this.journal.clusterId();
		if (!request.clusterId().equals(served)) {
			if (!this.active.isEmpty() || this.journal.hasOpenRuns()) {
				return new AcceptResult.OtherCluster(served, Math.max(1, this.active.size()));
			}
			this.journal.serveCluster(request.clusterId());
			if (served == null) {
				logger.info("Serving cluster {}", request.clusterId());
			}
			else {
				logger.warn("Now serving cluster {} instead of {}: another database (created afresh or restored) "
						+ "numbers its runs and leader epochs anew, so this worker forgot those of {}",
						request.clusterId(), served, served);
			}
		}
		// A known id is acknowledged whatever its epoch: it is a repeat of a dispatch this agent already took.
		if (this.journal.knows(request.runId())) {
			logger.info("Run {} of job {} already known; not running it again", request.runId(), request.jobId());
			return new AcceptResult.AlreadyKnown();
		}
		// Fenced per partition: each is fired by one master at a time under epochs that only grow, while two
		// masters firing different partitions carry unrelated epochs. A master of before partitions sends none and
		// is fenced by the epochs of its kind alone.
		long highest = this.journal.highestEpoch(request.partition());
		if (request.epoch() < highest) {
			logger.warn("Refused run {} of job {}: epoch {} is lower than {}, the highest seen {} (deposed master)",
					request.runId(), request.jobId(), request.epoch(), highest, partitionName(request.partition()));
			return new AcceptResult.StaleEpoch(request.epoch(), highest, request.partition());
		}
		// Refusals are logged once per batch by acceptAll: an overloaded agent must not also flood its log.
		if (memoryPressure) {
			return new AcceptResult.AtCapacity("this worker's heap is still over " + AdmissionBudget.PRESSURE_PERCENT
					+ " % full after a collection");
		}
		Semaphore slots = slotsFor(request.type());
		if (!slots.tryAcquire()) {
			return new AcceptResult.AtCapacity("all " + limitFor(request.type()) + " "
					+ ((request.type() == JobType.HTTP) ? "HTTP" : "process") + " run slots of this worker are busy");
		}
		if (!this.budget.tryReserve(this.budget.costOf(request))) {
			slots.release();
			return new AcceptResult.AtCapacity("this worker's run memory budget of "
					+ (this.budget.capacity() >> 20) + " MB is taken by the runs in flight");
		}
		return new AcceptResult.Accepted();
	}

	/** How logs name the partition an epoch is of. */
	private static String partitionName(Integer partition) {
		return (partition != null) ? "for partition " + partition : "without a partition";
	}

	/** Undoes acceptances that never became durable: the master hears an error, so they must not run. */
	private void abandon(List<ActiveRun> runs) {
		for (ActiveRun run : runs) {
			this.active.remove(run.request().runId());
			this.journal.forget(run.request().runId());
			free(run.request());
		}
	}

	/** Gives a run's slot and memory back. */
	private void free(RunRequest request) {
		this.budget.release(this.budget.costOf(request));
		slotsFor(request.type()).release();
	}

	// HTTP runs hold no process, so they are bounded apart from the runs that fork one.
	private Semaphore slotsFor(JobType type) {
		return (type == JobType.HTTP) ? this.httpSlots : this.processSlots;
	}

	private int limitFor(JobType type) {
		return (type == JobType.HTTP) ? this.httpLimit : this.properties.maxConcurrentRuns();
	}

	/** Hands runs whose instant has come over: HTTP runs to the lanes, each process run to a thread of its own. */
	private void launch(List<ActiveRun> runs) {
		List<ActiveRun> calls = new ArrayList<>(runs.size());
		for (ActiveRun run : runs) {
			if (run.request().type() == JobType.HTTP) {
				calls.add(run);
			}
			else {
				this.runThreads.execute(() -> execute(run));
			}
		}
		this.httpLanes.start(calls);
	}

	/** @return whether the run was running here and is now being killed */
	boolean kill(String clusterId, long runId, String reason) {
		ActiveRun run = this.active.get(runId);
		if (run == null || !run.request().clusterId().equals(clusterId)) {
			return false;
		}
		logger.info("Killing run {}: {}", runId, reason);
		run.kill(reason);
		return true;
	}

	/** Timeouts and other timers waiting in the queue. */
	int armedTimers() {
		return this.timers.getQueue().size();
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
		runs.forEach(run -> kill(run.request().clusterId(), run.request().runId(), reason));
	}

	private void execute(ActiveRun run) {
		RunRequest request = run.request();
		run.markStarted(this.clock.millis());
		JobExecutor executor = this.executors.get(request.type());
		boolean forksProcess = executor == null || executor.forksProcess();
		Path workDir = forksProcess ? this.properties.workDir().resolve(Long.toString(request.runId())) : null;
		ExecutionResult result;
		OutputCapture output = null;
		try {
			output = forksProcess ? this.logs.open(request.runId()) : this.logs.inMemory();
			if (run.killReason() != null) {
				// Killed while it waited for its instant: it never started.
				result = new ExecutionResult(ExecutionResult.Ending.KILLED, false, -1,
						"killed before it started: " + run.killReason());
			}
			else if (executor == null) {
				result = ExecutionResult.notStarted("no executor for job type " + request.type());
			}
			else {
				if (forksProcess) {
					Files.createDirectories(workDir);
					if (this.launcher.runAs() != null) {
						this.launcher.runAs().own(workDir);
					}
				}
				// Only a process has an environment; an HTTP call is spared building one at its instant.
				result = executor.execute(new RunContext(run, workDir,
						forksProcess ? RunEnvironment.of(request, workDir) : Map.of(), output,
						this.timers, this.launcher.runAs(), (pid) -> recordPid(request.runId(), pid)));
			}
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
			if (forksProcess) {
				deleteQuietly(workDir);
			}
		}
		// The thread goes on at once (a lane to its next call); the slot is freed once the report is durable.
		Runnable release = () -> {
			this.active.remove(request.runId());
			free(request);
		};
		try {
			this.reporter.finished(run, result, output, release);
		}
		catch (RuntimeException ex) {
			release.run();
			throw ex;
		}
		finally {
			closeQuietly(output);
		}
	}

	private static ScheduledThreadPoolExecutor timers() {
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("run-timeouts").daemon().factory());
		// A run's timeout is cancelled when the run ends. Left in the queue until its instant, it kept the run
		// reachable that long: an hour-long limit on every-second jobs held an hour of finished runs each.
		timers.setRemoveOnCancelPolicy(true);
		return timers;
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
		this.startTimer.close();
		this.timers.shutdownNow();
		this.runThreads.shutdown();
		this.httpLanes.close();
	}

}
