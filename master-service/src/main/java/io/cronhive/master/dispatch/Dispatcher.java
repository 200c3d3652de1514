package io.cronhive.master.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.Partitions;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.log.LogStorm;
import io.cronhive.master.cluster.ClusterIdentity;
import io.cronhive.master.dependency.RunParents;
import io.cronhive.master.run.Acceptances;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.ShareKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands claimed runs to workers: fence (claimed to dispatched under each run's epoch, while this master holds
 * its partition under it),
 * candidates, routing order, one batch per first-choice worker, then each further candidate in turn for a run
 * its first choice refused. A run no worker takes is finished as an error that says why; it is never dropped
 * silently.
 */
public class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private static final Duration UNSTARTED_LOG_INTERVAL = Duration.ofSeconds(10);

	private final ShareKeeper shares;

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

	private final ClusterIdentity cluster;

	private final RunParents parents;

	private final Clock clock;

	private final int batchSize;

	private final LogStorm unstartedLog = new LogStorm(UNSTARTED_LOG_INTERVAL);

	private final long busyHoldMs;

	private final long busyRetryMs;

	private final ExecutorService senders = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("send-", 0).factory());

	/**
	 * Offers held runs again. It belongs to the dispatcher, not to a leader term, so a run held when the term
	 * ends still finds it running, and is handed back for recovery instead of dying with the term's timers.
	 */
	private final ScheduledExecutorService heldRuns = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("busy-resend").daemon().factory());

	Dispatcher(ShareKeeper shares, RunStore runs, RunRetries retries, WorkerDirectory directory,
			WorkerGroups groups, WorkerHealth health, WorkerCalls calls, InFlightRuns inFlight,
			ConcurrencyGuard concurrency, DispatchMetrics metrics, RunMetrics runMetrics, Acceptances acceptances,
			ClusterIdentity cluster, int batchSize, Duration busyHold, Duration busyRetry, Clock clock,
			RunParents parents) {
		this.parents = parents;
		this.busyHoldMs = busyHold.toMillis();
		this.busyRetryMs = busyRetry.toMillis();
		this.cluster = cluster;
		this.shares = shares;
		this.batchSize = batchSize;
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
	 * Sends the runs due at one instant: one send fence for all of them (claimed to dispatched, each under its
	 * partition's epoch while this master holds it), then the runs that passed are routed and handed over in
	 * one batch per worker. Called by the trigger's timer, at the instant or ahead of it (the worker then holds the run).
	 * @throws RuntimeException when the fence itself fails (database); the runs are then still claimed
	 */
	public void dispatchAll(List<ClaimedRun> due) {
		if (due.isEmpty()) {
			return;
		}
		Set<Long> passed = this.shares.current().isEmpty() ? Set.of() : this.runs.markSendingAll(
				due.stream().map(ClaimedRun::runId).toList(), this.shares.holder(), this.clock.millis());
		List<ClaimedRun> fenced = new ArrayList<>(passed.size());
		for (ClaimedRun run : due) {
			if (passed.contains(run.runId())) {
				fenced.add(run);
			}
			else {
				logger.info("Run {} of job {} not sent: its partition is no longer held here under epoch {}",
						run.runId(), run.job().id(), run.epoch());
				this.metrics.failure("fenced");
			}
		}
		if (!fenced.isEmpty()) {
			this.senders.execute(() -> routeAndSend(fenced, false));
		}
	}

	/**
	 * Picks each run's workers, then sends one batch per first-choice worker, the batches in parallel.
	 * @param offeredBefore whether these runs were held after every candidate was busy: their concurrency
	 * policy was applied and their lateness measured when they were first sent
	 */
	private void routeAndSend(List<ClaimedRun> fenced, boolean offeredBefore) {
		List<WorkerInstance> online = this.directory.workers();
		Map<String, List<Routed>> byWorker = new LinkedHashMap<>();
		List<Undispatched> undispatched = new ArrayList<>();
		for (ClaimedRun run : fenced) {
			try {
				List<WorkerInstance> order = route(run, online, undispatched, offeredBefore);
				if (order != null) {
					byWorker.computeIfAbsent(order.get(0).instanceId(), (id) -> new ArrayList<>())
						.add(new Routed(run, order, List.of(), false, offeredBefore));
				}
			}
			catch (RuntimeException ex) {
				// Fenced already: it must not be sent again; the reaper finishes it if no worker has it.
				logger.warn("Routing run {} failed after its fence: {}", run.runId(), ex.toString());
			}
		}
		if (!undispatched.isEmpty()) {
			failAll(undispatched);
		}
		for (List<Routed> routed : byWorker.values()) {
			for (int from = 0; from < routed.size(); from += this.batchSize) {
				List<Routed> batch = routed.subList(from, Math.min(routed.size(), from + this.batchSize));
				this.senders.execute(() -> sendBatch(batch));
			}
		}
	}

	/**
	 * Concurrency policy, candidates and routing order of one run. Runs that go no further are added to
	 * {@code undispatched} (skipped, no candidate) or sent by themselves (broadcast).
	 * @return the workers to try in order, or null when the run is undispatched or sent already
	 */
	private List<WorkerInstance> route(ClaimedRun run, List<WorkerInstance> online, List<Undispatched> undispatched,
			boolean offeredBefore) {
		JobSpec job = run.job();
		String skipped = offeredBefore ? null : this.concurrency.admit(run, online);
		if (skipped != null) {
			undispatched.add(new Undispatched(run, skipped, false));
			return null;
		}
		Candidates candidates = Candidates.select(job, online, this.groups::contains, this.health::isSelectable);
		if (candidates.workers().isEmpty()) {
			this.metrics.failure("no_candidate");
			undispatched.add(new Undispatched(run, candidates.reason(), true));
			return null;
		}
		RoutingStrategy routing = this.routings.forName(job.routing());
		if (routing.everyCandidate()) {
			this.senders.execute(() -> broadcast(run, candidates.workers()));
			return null;
		}
		return routing.order(job, candidates.workers());
	}

	/**
	 * One request to the worker at the head of these runs' orders; the runs it refuses go on, again in one
	 * batch per next worker, and those no worker took fail together. A busy worker refuses a whole instant's
	 * runs at once, so nothing here may cost a thread or a database connection per run.
	 */
	private void sendBatch(List<Routed> batch) {
		WorkerInstance worker = batch.get(0).order().get(0);
		long now = this.clock.millis();
		List<RunRequest> requests = new ArrayList<>(batch.size());
		for (Routed routed : batch) {
			if (routed.refusals().isEmpty() && !routed.offeredBefore()) {
				this.metrics.lateness(routed.run().triggerKind(), now - routed.run().scheduledAtMs());
			}
			requests.add(request(routed.run(), routed.run().runId()));
		}
		List<Routed> refused = new ArrayList<>();
		Map<CallResult.Kind, Tally> unstarted = new EnumMap<>(CallResult.Kind.class);
		WorkerCalls.BatchCall call;
		try {
			call = this.calls.runBatch(worker, requests);
		}
		catch (RuntimeException ex) {
			call = new WorkerCalls.BatchCall(null, new CallResult(CallResult.Kind.UNACKNOWLEDGED, ex.toString()));
		}
		for (int i = 0; i < batch.size(); i++) {
			Routed routed = batch.get(i);
			CallResult result = (call.verdicts() != null) ? asCallResult(worker, call.verdicts().get(i))
					: call.failure();
			try {
				if (result.kind() == CallResult.Kind.BATCH_UNSUPPORTED) {
					this.senders.execute(() -> sendOneByOne(routed.run(), routed.order(),
							new ArrayList<>(routed.refusals())));
					continue;
				}
				List<String> refusals = new ArrayList<>(routed.refusals());
				if (!settle(routed.run(), routed.run().runId(), worker, result, refusals)) {
					refused.add(new Routed(routed.run(), routed.order().subList(1, routed.order().size()),
							refusals, routed.busy() || result.kind() == CallResult.Kind.BUSY,
							routed.offeredBefore()));
				}
				unstarted.merge(result.kind(), new Tally(1, routed.run().runId(), result.detail()), Tally::plus);
			}
			catch (RuntimeException ex) {
				logger.warn("Recording the hand-over of run {} failed: {}", routed.run().runId(), ex.toString());
			}
		}
		// One line per kind of answer: a worker that times out or refuses does so for the whole batch.
		unstarted.forEach((kind, tally) -> logUnstarted(worker, kind, tally));
		if (!refused.isEmpty()) {
			failOver(refused);
		}
	}

	/**
	 * Sends refused runs on to their next workers, a batch per worker. Those with no worker left are held when
	 * a worker was only busy and the hold allows (back-pressure: a busy worker frees room within a second),
	 * and fail otherwise.
	 */
	private void failOver(List<Routed> refused) {
		Map<String, List<Routed>> byNext = new LinkedHashMap<>();
		List<Routed> unplaced = new ArrayList<>();
		List<ClaimedRun> held = new ArrayList<>();
		long now = this.clock.millis();
		for (Routed routed : refused) {
			if (routed.order().isEmpty() && routed.busy() && this.busyHoldMs > 0
					&& now + this.busyRetryMs <= holdDeadline(routed.run())) {
				held.add(routed.run());
			}
			else if (routed.order().isEmpty()) {
				unplaced.add(routed);
			}
			else {
				byNext.computeIfAbsent(routed.order().get(0).instanceId(), (id) -> new ArrayList<>()).add(routed);
			}
		}
		byNext.values().forEach((next) -> this.senders.execute(() -> sendBatch(next)));
		if (!held.isEmpty()) {
			hold(held);
		}
		if (!unplaced.isEmpty()) {
			failUnplaced(unplaced);
		}
	}

	private long holdDeadline(ClaimedRun run) {
		return Math.max(run.scheduledAtMs(), 0) + this.busyHoldMs;
	}

	/** Offers runs every candidate was too busy for again after the workers' Retry-After. */
	private void hold(List<ClaimedRun> held) {
		this.metrics.held(held.size());
		try {
			this.heldRuns.schedule(() -> this.senders.execute(() -> offerAgain(held)), this.busyRetryMs,
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the runs stay dispatched without a worker, and the next leader's reaper ends them.
			logger.info("{} held run(s), from run {}, not offered again: the dispatcher is closing", held.size(),
					held.get(0).runId());
		}
	}

	/**
	 * Routes held runs anew, with the workers online now; runs whose partition left this master are handed back
	 * to be recovered by its new holder.
	 */
	private void offerAgain(List<ClaimedRun> held) {
		List<ClaimedRun> still = new ArrayList<>(held.size());
		int handedBack = 0;
		for (ClaimedRun run : held) {
			if (this.shares.holds(run.job().id(), run.epoch())) {
				still.add(run);
				continue;
			}
			handedBack++;
			try {
				this.runs.returnToClaimed(run.runId(), run.epoch());
			}
			catch (RuntimeException ex) {
				logger.warn("Handing held run {} back for recovery failed: {}", run.runId(), ex.toString());
			}
		}
		if (handedBack > 0) {
			logger.info("{} held run(s), from run {}, handed back: their partitions are no longer held here",
					handedBack, held.get(0).runId());
		}
		if (!still.isEmpty()) {
			routeAndSend(still, true);
		}
	}

	/**
	 * Fails the runs no worker took, on this thread: a thread per run would cost most when already behind. Runs
	 * that were held because every worker was busy end by their job's misfire policy, and are not retried:
	 * a retry would add to the load that kept them waiting.
	 */
	private void failUnplaced(List<Routed> unplaced) {
		failAll(unplaced.stream().map((routed) -> routed.busy() && this.busyHoldMs > 0
				? new Undispatched(routed.run(), missedWhileBusy(routed), false)
				: new Undispatched(routed.run(), noWorkerAccepted(routed.refusals()), true)).toList());
	}

	private String missedWhileBusy(Routed routed) {
		String busy = "every candidate worker was busy for " + this.busyHoldMs / 1000.0
				+ " s after the slot (back-pressure): " + String.join("; ", routed.refusals());
		return "skip".equals(routed.run().job().misfire()) ? "skipped by the job's misfire policy (skip): " + busy
				: "missed by the job's misfire policy (fire_once: its next slot is the catch-up): " + busy;
	}

	/**
	 * Fails runs that reached no worker in one transaction, with one log line, and schedules the retries of jobs
	 * that have some. With every worker gone or busy, a statement and a warning per run loaded the database and
	 * the log most when thousands of runs a second were already behind.
	 */
	private void failAll(List<Undispatched> failed) {
		long now = this.clock.millis();
		Set<Long> finished;
		try {
			finished = this.runs.finishAllWithError(
					failed.stream().map((u) -> new RunStore.Failure(u.run().runId(), u.message())).toList(), now);
		}
		catch (RuntimeException ex) {
			// Still dispatched without a worker: the supervisor finishes them.
			logger.warn("Failing {} run(s) that no worker took failed: {}", failed.size(), ex.toString());
			return;
		}
		Undispatched first = null;
		Set<String> reasons = new LinkedHashSet<>();
		for (Undispatched run : failed) {
			if (!finished.contains(run.run().runId())) {
				continue;
			}
			first = (first != null) ? first : run;
			reasons.add(run.message());
			this.runMetrics.finished(RunOutcome.FAILED);
			if (run.retry() && run.run().attempt() <= run.run().job().retries()) {
				try {
					this.retries.scheduleRetry(run.run().runId(), now);
				}
				catch (RuntimeException ex) {
					logger.warn("Scheduling a retry of run {} failed: {}", run.run().runId(), ex.toString());
				}
			}
			logger.debug("Run {} of job {} slot {} failed to dispatch: {}", run.run().runId(), run.run().job().id(),
					run.run().scheduledAtMs(), run.message());
		}
		if (first != null) {
			logger.warn("{} run(s) failed to dispatch, from run {} of job {} slot {}: {}{}", finished.size(),
					first.run().runId(), first.run().job().id(), first.run().scheduledAtMs(), first.message(),
					(reasons.size() > 1) ? " (and " + (reasons.size() - 1) + " other reason(s); DEBUG shows each run)"
							: "");
		}
	}

	private static String noWorkerAccepted(List<String> refusals) {
		return "no worker accepted the run: " + String.join("; ", refusals);
	}

	/** For workers without the batch endpoint: one request per worker in order until one takes the run. */
	private void sendOneByOne(ClaimedRun run, List<WorkerInstance> order, List<String> refusals) {
		try {
			RunRequest request = request(run, run.runId());
			for (WorkerInstance worker : order) {
				if (handOver(run, run.runId(), worker, request, refusals)) {
					return;
				}
			}
			failAll(List.of(new Undispatched(run, noWorkerAccepted(refusals), true)));
		}
		catch (RuntimeException ex) {
			logger.warn("Sending run {} failed after its fence: {}", run.runId(), ex.toString());
		}
	}

	private static CallResult asCallResult(WorkerInstance worker, RunVerdict verdict) {
		String who = worker.workerName() + " (" + worker.uri() + ")";
		return switch (verdict.verdict()) {
			case ACCEPTED -> new CallResult(CallResult.Kind.ACCEPTED, "accepted");
			case ALREADY_KNOWN -> new CallResult(CallResult.Kind.ALREADY_KNOWN, who + " already had the run");
			case STALE_EPOCH -> new CallResult(CallResult.Kind.STALE_EPOCH, who + " has seen a newer epoch of the run's partition");
			case AT_CAPACITY -> new CallResult(CallResult.Kind.BUSY, who + " " + ((verdict.detail() != null)
					? verdict.detail() : "is busy"));
			case SHUTTING_DOWN, OTHER_CLUSTER, INVALID -> new CallResult(CallResult.Kind.REFUSED,
					who + " " + ((verdict.detail() != null) ? verdict.detail()
							: verdict.verdict().name().toLowerCase(Locale.ROOT)));
		};
	}

	/**
	 * A run, the workers still to try for it (next first), why the ones tried so far refused it, whether one
	 * of them was only busy, and whether the run was held and offered again.
	 */
	private record Routed(ClaimedRun run, List<WorkerInstance> order, List<String> refusals, boolean busy,
			boolean offeredBefore) {
	}

	/** One attempt on one worker; true when the run is settled (accepted, unknown, or handed back). */
	private boolean handOver(ClaimedRun run, long runId, WorkerInstance worker, RunRequest request,
			List<String> refusals) {
		if (refusals.isEmpty()) {
			this.metrics.lateness(run.triggerKind(), this.clock.millis() - run.scheduledAtMs());
		}
		CallResult result = this.calls.run(worker, request);
		boolean settled = settle(run, runId, worker, result, refusals);
		logUnstarted(worker, result.kind(), new Tally(1, runId, result.detail()));
		return settled;
	}

	/** Logs the runs of one answer that did not simply start there (accepted ones are DEBUG, in settle). */
	private void logUnstarted(WorkerInstance worker, CallResult.Kind kind, Tally tally) {
		if (kind == CallResult.Kind.ACCEPTED || kind == CallResult.Kind.ALREADY_KNOWN
				|| kind == CallResult.Kind.BATCH_UNSUPPORTED) {
			return;
		}
		// A worker in trouble answers every batch the same way: one line per worker, kind and ten seconds.
		LogStorm.Line line = this.unstartedLog.occurred(kind + " " + worker.instanceId(), tally.count());
		if (line == null) {
			return;
		}
		String runs = line.count() + " run(s)" + (line.first() ? "" : " in the last " + UNSTARTED_LOG_INTERVAL.toSeconds()
				+ " s") + ", the last batch from run " + tally.firstRunId();
		switch (kind) {
			case STALE_EPOCH -> logger.warn("{} refused by {}: {}; returned for recovery", runs, worker.workerName(),
					tally.detail());
			case UNACKNOWLEDGED -> logger.warn("{} sent to {} without acknowledgement: {}", runs, worker.workerName(),
					tally.detail());
			default -> logger.info("{} refused by {}: {}; trying the next worker", runs, worker.workerName(),
					tally.detail());
		}
	}

	/** How many runs got one kind of answer, and the first of them. */
	private record Tally(int count, long firstRunId, String detail) {

		Tally plus(Tally other) {
			return new Tally(this.count + other.count, this.firstRunId, this.detail);
		}

	}

	/**
	 * Records what one worker's answer means for the run; true when settled, false to try the next worker. The
	 * callers log what did not start, once per batch where there is one.
	 */
	private boolean settle(ClaimedRun run, long runId, WorkerInstance worker, CallResult result,
			List<String> refusals) {
		switch (result.kind()) {
			case ACCEPTED, ALREADY_KNOWN -> {
				this.acceptances.accepted(runId, run.job().id(), worker.workerName(), worker.host(),
						worker.instanceId(), this.clock.millis());
				this.inFlight.started(worker.instanceId());
				logger.debug("Fired job {} slot {} (epoch {}) to {} as run {}", run.job().id(), run.scheduledAtMs(),
						run.epoch(), worker.workerName(), runId);
				return true;
			}
			case STALE_EPOCH -> {
				// The worker knows a newer leader: hand the run back for that leader's recovery.
				this.runs.returnToClaimed(runId, run.epoch());
				this.metrics.failure("stale_epoch");
				return true;
			}
			case UNACKNOWLEDGED -> {
				// It may be running there: sending it elsewhere could run it twice. Its report will tell.
				this.runs.markUnacknowledged(runId, worker.workerName(), worker.host(), worker.instanceId(),
						result.detail());
				this.metrics.failure("unacknowledged");
				return true;
			}
			default -> {
				refusals.add(result.detail());
				this.metrics.failure((result.kind() == CallResult.Kind.BUSY) ? "busy" : "refused");
				return false;
			}
		}
	}

	private void broadcast(ClaimedRun parent, List<WorkerInstance> workers) {
		try {
			broadcastChildren(parent, workers);
		}
		catch (RuntimeException ex) {
			logger.warn("Broadcasting run {} failed after its fence: {}", parent.runId(), ex.toString());
		}
	}

	private void broadcastChildren(ClaimedRun parent, List<WorkerInstance> workers) {
		this.metrics.lateness(parent.triggerKind(), this.clock.millis() - parent.scheduledAtMs());
		List<Long> children = new ArrayList<>();
		for (WorkerInstance worker : workers) {
			OptionalLong child = this.runs.insertBroadcastChild(parent.runId(), workerKey(worker),
					this.shares.holder(), parent.epoch(), this.clock.millis());
			if (child.isEmpty()) {
				continue;
			}
			children.add(child.getAsLong());
			List<String> refusals = new ArrayList<>();
			if (!handOver(parent, child.getAsLong(), worker, request(parent, child.getAsLong()), refusals)) {
				this.runs.finishWithError(child.getAsLong(), String.join("; ", refusals),
						this.clock.millis());
			}
		}
		this.runs.finishBroadcastParent(parent.runId(),
				"broadcast to " + children.size() + " worker(s): runs " + children, this.clock.millis());
	}

	/** A run that reached no worker, why, and whether its job's retries apply. */
	private record Undispatched(ClaimedRun run, String message, boolean retry) {
	}

	private RunRequest request(ClaimedRun run, long runId) {
		JobSpec job = run.job();
		return new RunRequest(this.cluster.id(), runId, run.epoch(), job.uuid(), job.name(), job.type(), job.target(),
				job.parameters(), job.timeoutMs(), run.scheduledAtMs(), run.attempt(), this.parents.of(run, runId),
				Partitions.of(job.id()));
	}

	// slot_key is VARCHAR(160): long registry ids are hashed rather than cut, so two never collide.
	private static String workerKey(WorkerInstance worker) {
		String id = worker.instanceId();
		return (id.length() <= 100) ? id : Long.toHexString(ConsistentHashRouting.hash(id));
	}

}
