package io.cronhive.master.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.run.Acceptances;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one claimed run to a worker: fence (claimed to dispatched under the epoch, while the lease is ours),
 * candidates, routing order, then each candidate in turn until one accepts. A run no worker takes is finished
 * as an error that says why; it is never dropped silently.
 */
public class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final LeaderElector elector;

	private final RunStore runs;

	private final RunRetries retries;

	private final WorkerDirectory directory;

	private final WorkerGroups groups;

	private final WorkerHealth health;

	private final WorkerCalls calls;

	private final Routings routings;

	private final InFlightRuns inFlight;

	private final ConcurrencyGuard concurrency;

	private final DispatchMetrics metrics;

	private final RunMetrics runMetrics;

	private final Acceptances acceptances;

	private final Clock clock;

	private final ExecutorService senders = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("send-", 0).factory());

	Dispatcher(LeaderElector elector, RunStore runs, RunRetries retries, WorkerDirectory directory,
			WorkerGroups groups, WorkerHealth health, WorkerCalls calls, InFlightRuns inFlight,
			ConcurrencyGuard concurrency, DispatchMetrics metrics, RunMetrics runMetrics, Acceptances acceptances,
			Clock clock) {
		this.elector = elector;
		this.runs = runs;
		this.retries = retries;
		this.directory = directory;
		this.groups = groups;
		this.health = health;
		this.calls = calls;
		this.inFlight = inFlight;
		this.routings = new Routings(inFlight::count);
		this.concurrency = concurrency;
		this.metrics = metrics;
		this.runMetrics = runMetrics;
		this.acceptances = acceptances;
		this.clock = clock;
	}

	/**
	 * Sends the runs due at one instant: one send fence for all of them (claimed to dispatched under their
	 * epoch while the lease is ours), then each run that passed is handed over on its own virtual thread.
	 * Called by the trigger's timer at the instant.
	 * @throws RuntimeException when the fence itself fails (database); the runs are then still claimed
	 */
	public void dispatchAll(List<ClaimedRun> due) {
		if (due.isEmpty()) {
			return;
		}
		long epoch = due.get(0).epoch();
		Set<Long> passed = this.elector.isLeading(epoch) ? this.runs.markSendingAll(
				due.stream().map(ClaimedRun::runId).toList(), this.elector.holder(), epoch, this.clock.millis())
				: Set.of();
		for (ClaimedRun run : due) {
			if (!passed.contains(run.runId())) {
				logger.info("Run {} of job {} not sent: no longer held under epoch {}", run.runId(), run.job().id(),
						run.epoch());
				this.metrics.failure("fenced");
				continue;
			}
			this.senders.execute(() -> {
				try {
					send(run);
				}
				catch (RuntimeException ex) {
					// Fenced already: it must not be sent again; the reaper finishes it if no worker has it.
					logger.warn("Sending run {} failed after its fence: {}", run.runId(), ex.toString());
				}
			});
		}
	}

	/** Everything after the send fence: concurrency policy, candidates, routing, hand-over, failover. */
	private void send(ClaimedRun run) {
		JobSpec job = run.job();
		String skipped = this.concurrency.admit(run, this.directory.workers());
		if (skipped != null) {
			finish(run, skipped, false);
			return;
		}
		Candidates candidates = Candidates.select(job, this.directory.workers(), this.groups::contains,
				this.health::isSelectable);
		if (candidates.workers().isEmpty()) {
			this.metrics.failure("no_candidate");
			finish(run, candidates.reason(), true);
			return;
		}
		RoutingStrategy routing = this.routings.forName(job.routing());
		if (routing.everyCandidate()) {
			broadcast(run, candidates.workers());
			return;
		}
		RunRequest request = request(run, run.runId());
		List<String> refusals = new ArrayList<>();
		for (WorkerInstance worker : routing.order(job, candidates.workers())) {
			if (refusals.isEmpty()) {
				this.metrics.lateness(run.triggerKind(), this.clock.millis() - run.scheduledAtMs());
			}
			if (handOver(run, run.runId(), worker, request, refusals)) {
				return;
			}
		}
		finish(run, "no worker accepted the run: " + String.join("; ", refusals), true);
	}

	/** One attempt on one worker; true when the run is settled (accepted, unknown, or handed back). */
	private boolean handOver(ClaimedRun run, long runId, WorkerInstance worker, RunRequest request,
			List<String> refusals) {
		CallResult result = this.calls.run(worker, request);
		switch (result.kind()) {
			case ACCEPTED, ALREADY_KNOWN -> {
				this.acceptances.accepted(runId, run.job().id(), worker.workerName(), worker.host(),
						worker.instanceId(), this.clock.millis());
				this.inFlight.started(worker.instanceId());
				logger.info("Fired job {} slot {} (epoch {}) to {} as run {}", run.job().id(), run.scheduledAtMs(),
						run.epoch(), worker.workerName(), runId);
				return true;
			}
			case STALE_EPOCH -> {
				// The worker knows a newer leader: hand the run back for that leader's recovery.
				this.runs.returnToClaimed(runId, run.epoch());
				this.metrics.failure("stale_epoch");
				logger.warn("Run {} refused by {}: epoch {} is stale; returned for recovery", runId,
						worker.workerName(), run.epoch());
				return true;
			}
			case UNACKNOWLEDGED -> {
				// It may be running there: sending it elsewhere could run it twice. Its report will tell.
				this.runs.markUnacknowledged(runId, worker.workerName(), worker.host(), worker.instanceId(),
						result.detail());
				this.metrics.failure("unacknowledged");
				logger.warn("Run {} sent to {} without acknowledgement: {}", runId, worker.workerName(), result.detail());
				return true;
			}
			default -> {
				refusals.add(result.detail());
				this.metrics.failure("refused");
				logger.info("Run {} refused by {}: {}; trying the next worker", runId, worker.workerName(),
						result.detail());
				return false;
			}
		}
	}

	private void broadcast(ClaimedRun parent, List<WorkerInstance> workers) {
		this.metrics.lateness(parent.triggerKind(), this.clock.millis() - parent.scheduledAtMs());
		List<Long> children = new ArrayList<>();
		for (WorkerInstance worker : workers) {
			OptionalLong child = this.runs.insertBroadcastChild(parent.runId(), workerKey(worker),
					this.elector.holder(), parent.epoch(), this.clock.millis());
			if (child.isEmpty()) {
				continue;
			}
			children.add(child.getAsLong());
			List<String> refusals = new ArrayList<>();
			if (!handOver(parent, child.getAsLong(), worker, request(parent, child.getAsLong()), refusals)) {
				this.runs.finishWithError(child.getAsLong(), parent.job().id(), String.join("; ", refusals),
						this.clock.millis());
			}
		}
		this.runs.finishBroadcastParent(parent.runId(),
				"broadcast to " + children.size() + " worker(s): runs " + children, this.clock.millis());
	}

	private void finish(ClaimedRun run, String message, boolean retry) {
		long now = this.clock.millis();
		if (this.runs.finishWithError(run.runId(), run.job().id(), message, now)) {
			logger.warn("Run {} of job {} slot {} failed to dispatch: {}", run.runId(), run.job().id(),
					run.scheduledAtMs(), message);
			this.runMetrics.finished(RunOutcome.FAILED);
			if (retry) {
				this.retries.scheduleRetry(run.runId(), now);
			}
		}
	}

	private static RunRequest request(ClaimedRun run, long runId) {
		JobSpec job = run.job();
		return new RunRequest(runId, run.epoch(), job.uuid(), job.name(), job.type(), job.target(), job.parameters(),
				job.timeoutMs(), run.scheduledAtMs(), run.attempt());
	}

	// slot_key is VARCHAR(160): long registry ids are hashed rather than cut, so two never collide.
	private static String workerKey(WorkerInstance worker) {
		String id = worker.instanceId();
		return (id.length() <= 100) ? id : Long.toHexString(ConsistentHashRouting.hash(id));
	}

}
