package io.cronhive.master.trigger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cronhive.common.health.Watchdog;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.ShareKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firing machinery of one stretch during which this master holds partitions: the planning poll and the
 * millisecond timers of the runs it claimed. Each run carries the epoch of its job's partition, and goes out
 * only while that partition is still held under it. Stopping a term cancels its timers; the runs stay claimed
 * under their epochs, so whichever master holds their partitions next recovers them.
 */
final class FiringTerm {

	private static final Logger logger = LoggerFactory.getLogger(FiringTerm.class);

	private static final long RETRY_DELAY_MS = 500;

	/**
	 * Runs whose send time has passed (a late round, a retry) are gathered on shared instants this far apart.
	 * Armed each at its own "now", a backlog of 2,000 runs claimed over half a second became hundreds of
	 * one-run sends, each with its own fence transaction and worker request: the leader fell further behind
	 * the later it was, until its connection pool ran dry.
	 */
	static final long OVERDUE_GATHER_MS = 10;

	private final long sequence;

	private final ShareKeeper shares;

	private final RunStore runs;

	private final Executor dispatchExecutor;

	private final Consumer<List<ClaimedRun>> dispatch;

	private final Clock clock;

	private final long leadMs;

	private final long overdueGatherMs;

	private final ScheduledExecutorService poller;

	private volatile Watchdog watchdog;

	private volatile Runnable round;

	private final ScheduledThreadPoolExecutor timers;

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	// Run ids by the millisecond they fire at; one timer per instant.
	private final Map<Long, List<Long>> byInstant = new ConcurrentHashMap<>();

	// Runs handed to the dispatcher whose send has not returned yet.
	private final Set<Long> sending = ConcurrentHashMap.newKeySet();

	// Revision of each scheduled job as of the last poll; a stopped job is absent.
	private volatile Map<Long, Long> revisions = new ConcurrentHashMap<>();

	/**
	 * @param leadMs how long before its instant a run of a job that allows overlap is sent (its worker holds it
	 * until the instant)
	 * @param overdueGatherMs how far apart the shared instants of overdue sends are ({@link #OVERDUE_GATHER_MS})
	 */
	FiringTerm(long sequence, ShareKeeper shares, RunStore runs, Executor dispatchExecutor,
			Consumer<List<ClaimedRun>> dispatch, long leadMs, long overdueGatherMs, Clock clock) {
		this.sequence = sequence;
		this.overdueGatherMs = overdueGatherMs;
		this.leadMs = leadMs;
		this.shares = shares;
		this.runs = runs;
		this.dispatchExecutor = dispatchExecutor;
		this.dispatch = dispatch;
		this.clock = clock;
		this.poller = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("planner-" + sequence).daemon().factory());
		this.timers = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().name("fire-timer-" + sequence + "-", 0)
			.daemon()
			.priority(Thread.MAX_PRIORITY)
			.factory());
		this.timers.setRemoveOnCancelPolicy(true);
	}

	/** Which of this master's terms it is, counted from its start. */
	long sequence() {
		return this.sequence;
	}

	/**
	 * Polls every {@code intervalMs} at a fixed phase of the wall clock: the first poll comes at once, the
	 * others at {@code phaseMs} past a multiple of the interval (see {@code cronhive.master.poll-phase}).
	 */
	void startPolling(Runnable round, long intervalMs, long phaseMs) {
		Runnable poll = () -> pollIfHolding(round);
		Runnable guarded = (this.watchdog != null) ? this.watchdog.guard("planning of term " + this.sequence, poll) : poll;
		this.round = guarded;
		this.poller.execute(guarded);
		this.poller.scheduleAtFixedRate(guarded,
				delayToPhase(this.clock.millis(), intervalMs, phaseMs), intervalMs, TimeUnit.MILLISECONDS);
	}

	/** One extra round at once, on the planner's thread: partitions just taken should not wait for the phase. */
	void pollNow() {
		Runnable current = this.round;
		if (current != null) {
			try {
				this.poller.execute(current);
			}
			catch (RejectedExecutionException ex) {
				// The term ended meanwhile.
			}
		}
	}

	/** When a run due to be sent at {@code sendAtMs} goes: then, or the next gathering instant once overdue. */
	static long sendInstant(long sendAtMs, long nowMs, long gatherMs) {
		if (sendAtMs >= nowMs) {
			return sendAtMs;
		}
		return nowMs - Math.floorMod(nowMs, gatherMs) + gatherMs;
	}

	/** Milliseconds from {@code nowMs} to the next instant {@code phaseMs} past a multiple of the interval. */
	static long delayToPhase(long nowMs, long intervalMs, long phaseMs) {
		long delay = Math.floorMod(phaseMs - nowMs, intervalMs);
		return (delay == 0) ? intervalMs : delay;
	}

	private void pollIfHolding(Runnable round) {
		try {
			if (!this.shares.current().isEmpty()) {
				round.run();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Planning round of term {} failed: {}", this.sequence, ex.toString());
		}
	}

	/** Has the watchdog fail this master if planning ever stops for an Error; set before polling starts. */
	void watchedBy(Watchdog watchdog) {
		this.watchdog = watchdog;
	}

	/** The revisions of all scheduled jobs, read at the start of a round. */
	void revisions(Map<Long, Long> current) {
		this.revisions = new ConcurrentHashMap<>(current);
	}

	/** A revision seen later in the round (the due query) wins over the older read. */
	void noteRevision(long jobId, long revision) {
		this.revisions.merge(jobId, revision, Math::max);
	}

	/**
	 * Arms the run's timer for {@code fireAtMs} (now if past), or the lead before it when the job allows
	 * overlapping runs: the worker then holds the run until its instant. Runs sent at the same millisecond
	 * share one timer and are fenced together, because every-second jobs all fall on the same instants.
	 * @param revision the job's schedule revision it was claimed under, or null for runs that fire whatever
	 * the schedule (manual, retry)
	 */
	void arm(ClaimedRun run, long fireAtMs, Long revision) {
		// One timer per run: arming a run again (read back twice) only refreshes what it fires with.
		if (this.pending.put(run.runId(), new Pending(run, revision)) != null) {
			return;
		}
		armSend(run.runId(), sentAhead(run) ? fireAtMs - this.leadMs : fireAtMs);
	}

	private void armSend(long runId, long sendAtMs) {
		long instant = sendInstant(sendAtMs, this.clock.millis(), this.overdueGatherMs);
		boolean[] first = new boolean[1];
		this.byInstant.compute(instant, (at, ids) -> {
			List<Long> list = (ids != null) ? ids : new ArrayList<>();
			first[0] = (ids == null);
			list.add(runId);
			return list;
		});
		if (first[0]) {
			try {
				this.timers.schedule(() -> fire(instant), Math.max(0, instant - this.clock.millis()),
						TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// The term ended meanwhile (step-down): its claimed runs go to the next leader's recovery.
				this.byInstant.remove(instant);
				this.pending.remove(runId);
			}
		}
	}

	// Skip and replace decide on the previous run at the instant, so only jobs allowing overlap go early.
	private static boolean sentAhead(ClaimedRun run) {
		String policy = run.job().concurrency();
		return policy == null || "allow".equals(policy);
	}

	int pendingCount() {
		return this.pending.size();
	}

	/**
	 * Whether this term holds a timer for the run or is sending it now. A run being sent is still claimed until
	 * its send is fenced, which takes seconds when the cluster is overloaded: taking it for one a failed round
	 * left behind armed it a second time, and the extra work fed the overload.
	 */
	boolean isArmed(long runId) {
		return this.pending.containsKey(runId) || this.sending.contains(runId);
	}

	private void fire(long instant) {
		List<Long> ids = this.byInstant.remove(instant);
		if (ids == null) {
			return;
		}
		List<ClaimedRun> due = new ArrayList<>(ids.size());
		for (Long runId : ids) {
			Pending entry = this.pending.remove(runId);
			if (entry == null) {
				continue;
			}
			ClaimedRun run = entry.run();
			if (!this.shares.holds(run.job().id(), run.epoch())) {
				// Its partition moved on (or this master lost its leases): its new holder takes the claim over.
				continue;
			}
			if (entry.revision() != null && !entry.revision().equals(this.revisions.get(run.job().id()))) {
				// Stopped or changed since the claim: the slot no longer belongs to the schedule.
				this.dispatchExecutor.execute(() -> drop(run));
				continue;
			}
			due.add(run);
		}
		if (due.isEmpty()) {
			return;
		}
		List<Long> dueIds = due.stream().map(ClaimedRun::runId).toList();
		this.sending.addAll(dueIds);
		this.dispatchExecutor.execute(() -> {
			try {
				this.dispatch.accept(due);
				dueIds.forEach(this.sending::remove);
			}
			catch (RuntimeException ex) {
				// Before any re-arming below: the retry's own send marks them again.
				dueIds.forEach(this.sending::remove);
				// Nothing was fenced (the runs are still claimed): try again shortly while their partitions are
				// held here. The others go to their partitions' next holder's recovery.
				List<ClaimedRun> still = this.timers.isShutdown() ? List.of()
						: due.stream().filter((run) -> this.shares.holds(run.job().id(), run.epoch())).toList();
				if (still.size() < due.size()) {
					logger.info("Sending {} run(s) due at {} failed after their partitions left this master; their "
							+ "next holder recovers them: {}", due.size() - still.size(), instant, ex.toString());
				}
				if (still.isEmpty()) {
					return;
				}
				logger.warn("Sending {} run(s) due at {} failed, retrying: {}", still.size(), instant, ex.toString());
				for (ClaimedRun run : still) {
					this.pending.put(run.runId(), new Pending(run, null));
					armSend(run.runId(), this.clock.millis() + RETRY_DELAY_MS);
				}
			}
		});
	}

	private void drop(ClaimedRun run) {
		if (this.runs.deleteClaimed(run.runId(), run.epoch())) {
			logger.info("Dropped run {} of job {} slot {}: the schedule was stopped or changed", run.runId(),
					run.job().id(), run.scheduledAtMs());
		}
	}

	void stop() {
		this.poller.shutdownNow();
		this.timers.shutdownNow();
		this.pending.clear();
		this.sending.clear();
		this.byInstant.clear();
	}

	private record Pending(ClaimedRun run, Long revision) {
	}

}
