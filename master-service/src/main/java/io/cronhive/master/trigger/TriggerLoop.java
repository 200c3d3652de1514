package io.cronhive.master.trigger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cronhive.common.health.Watchdog;
import io.cronhive.common.cron.CronSchedule;
import io.cronhive.common.cron.InvalidCronException;
import io.cronhive.master.config.MasterProperties;
import io.cronhive.master.dispatch.Dispatcher;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.JobSpecs;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.Share;
import io.cronhive.master.share.ShareKeeper;
import io.cronhive.master.share.ShareListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This master's planning round over its share of the partitions, every poll interval: recover runs its
 * partitions' previous holders claimed and did not send, claim the slots due within the look-ahead (applying
 * each job's misfire policy), claim requested runs, and arm a millisecond timer per run. A term starts when the
 * master first holds partitions and stops the moment it holds none; partitions taken meanwhile get a recovery
 * round at once.
 */
@Component
class TriggerLoop implements ShareListener {

	private static final Logger logger = LoggerFactory.getLogger(TriggerLoop.class);

	// Recovery runs at the start of a term and then this often (a deposed master's late claims land later).
	private static final long RECOVERY_EVERY_MS = 5000;

	/** A claim of this epoch without a timer this long after it was made was left by a failed round. */
	private static final long UNARMED_AFTER_MS = 3000;

	private final ShareKeeper shares;

	private final ScheduleStore schedules;

	private final Watchdog watchdog;

	private final BatchClaims batchClaims;

	private final RunClaims claims;

	private final JobSpecs jobs;

	private final RunStore runs;

	private final Dispatcher dispatcher;

	private final TriggerMetrics metrics;

	private final MasterProperties properties;

	private final Clock clock;

	private final CronCache crons = new CronCache();

	private final ExecutorService dispatchExecutor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("dispatch-", 0).factory());

	private final Map<String, Boolean> reportedInvalid = new ConcurrentHashMap<>();

	private FiringTerm term;

	private long terms;

	/**
	 * Set when partitions were taken (and for a term's first round), cleared by the round that recovers. The
	 * round clears it before it reads the share, so partitions taken while a round is under way are always
	 * recovered by a round that sees them: the extra round the change queues.
	 */
	private final AtomicBoolean recoveryDue = new AtomicBoolean(true);

	private volatile long lastRecoveryMs;

	TriggerLoop(ShareKeeper shares, ScheduleStore schedules, BatchClaims batchClaims, RunClaims claims, JobSpecs jobs,
			RunStore runs, Dispatcher dispatcher, TriggerMetrics metrics, MasterProperties properties, Clock clock,
			Watchdog watchdog) {
		this.watchdog = watchdog;
		this.shares = shares;
		this.schedules = schedules;
		this.batchClaims = batchClaims;
		this.claims = claims;
		this.jobs = jobs;
		this.runs = runs;
		this.dispatcher = dispatcher;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public synchronized void onShareChanged(Share share, Set<Integer> gained, Set<Integer> lost) {
		if (share.isEmpty()) {
			if (this.term != null) {
				this.term.stop();
				this.term = null;
			}
			return;
		}
		if (this.term != null) {
			if (!gained.isEmpty()) {
				this.recoveryDue.set(true);
				this.term.pollNow();
			}
			return;
		}
		FiringTerm started = new FiringTerm(++this.terms, this.shares, this.runs, this.dispatchExecutor,
				this.dispatcher::dispatchAll, this.properties.dispatch().lead().toMillis(),
				FiringTerm.OVERDUE_GATHER_MS, this.clock);
		started.watchedBy(this.watchdog);
		this.term = started;
		this.recoveryDue.set(true);
		started.startPolling(() -> round(started), this.properties.pollInterval().toMillis(),
				this.properties.pollPhase().toMillis());
	}

	/** One planning round of a term, over the share held as it starts. */
	void round(FiringTerm term) {
		long now = this.clock.millis();
		boolean recovering = this.recoveryDue.getAndSet(false) || now - this.lastRecoveryMs >= RECOVERY_EVERY_MS;
		Share share = this.shares.current();
		if (share.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		long horizon = now + this.properties.lookAhead().toMillis();
		Map<Long, LateSlots> late = Map.of();
		if (recovering) {
			try {
				late = recover(term, now, share);
				this.lastRecoveryMs = now;
			}
			catch (RuntimeException ex) {
				// Not recovered: the next round tries again rather than five seconds later.
				this.recoveryDue.set(true);
				throw ex;
			}
		}
		term.revisions(this.schedules.scheduledRevisions(share));
		int claimed = planDue(term, now, horizon, late, share);
		pickUpRequested(term, now, horizon, share);
		long tookMs = this.metrics.round(System.nanoTime() - started);
		if (tookMs > this.properties.pollInterval().toMillis() * 2) {
			// The look-ahead absorbs slow rounds until it does not: then slots start to fire late.
			logger.warn("Planning round took {} ms for {} slot(s); look-ahead is {} ms", tookMs, claimed,
					this.properties.lookAhead().toMillis());
		}
	}

	/**
	 * Takes over runs of our partitions claimed under their older epochs, and claims under their current
	 * epochs that a failed round left without a timer. A cron slot still on time is fired as claimed; one that
	 * is already late was missed while nobody held its partition, so its claim is withdrawn and it goes to the
	 * job's misfire policy with the slots nobody claimed (answered per job, for the planning that follows).
	 * Set-based throughout: after a master dies at a few thousand jobs there are thousands of such claims, and
	 * this round is what stands between the takeover and firing again.
	 */
	private Map<Long, LateSlots> recover(FiringTerm term, long now, Share share) {
		String holder = this.shares.holder();
		List<RunClaims.PendingRow> rows = new ArrayList<>(
				this.claims.takeOver(this.claims.orphaned(holder), holder, this.shares::current));
		int olderEpochs = rows.size();
		rows.addAll(this.claims.unarmed(holder, term::isArmed, now - UNARMED_AFTER_MS));
		if (rows.isEmpty()) {
			return Map.of();
		}
		Map<Long, JobSpec> specs = this.jobs.findAll(rows.stream().map(RunClaims.PendingRow::jobId).distinct().toList());
		long lateLimit = now - this.properties.misfireThreshold().toMillis();
		List<Long> lateRuns = new ArrayList<>();
		for (RunClaims.PendingRow row : rows) {
			boolean slotRun = row.triggerKind().equals("cron") || row.triggerKind().equals("catchup");
			if (specs.containsKey(row.jobId()) && slotRun && row.scheduledAt() < lateLimit) {
				lateRuns.add(row.runId());
			}
		}
		Set<Long> withdrawn = this.claims.withdraw(lateRuns, holder);
		Map<Long, LateSlots> late = new HashMap<>();
		List<RunStore.Failure> skippedRecords = new ArrayList<>();
		int armed = 0;
		for (RunClaims.PendingRow row : rows) {
			JobSpec job = specs.get(row.jobId());
			if (job == null) {
				this.runs.finishWithError(row.runId(), "job " + row.jobId() + " no longer exists", now);
			}
			else if (withdrawn.contains(row.runId())) {
				late.merge(row.jobId(), new LateSlots(1, row.scheduledAt()), LateSlots::plus);
			}
			else if (row.triggerKind().equals(SchedulePlanner.SKIPPED)) {
				// A skip record its leader claimed but did not live to finish: finished, never sent.
				skippedRecords.add(new RunStore.Failure(row.runId(), skippedMessage(null, row.scheduledAt())));
			}
			else {
				logger.debug("Recovered run {} of job {} slot {} under epoch {}", row.runId(), row.jobId(),
						row.scheduledAt(), row.epoch());
				term.arm(new ClaimedRun(row.runId(), row.epoch(), row.scheduledAt(), row.triggerKind(), row.attempt(), job),
						row.scheduledAt(), null);
				armed++;
			}
		}
		if (!skippedRecords.isEmpty()) {
			this.runs.finishAllWithError(skippedRecords, now);
		}
		// One line per recovery, not per run: a takeover at scale recovers thousands (each at DEBUG).
		logger.info("Recovered {} claimed run(s) over {} partition(s) ({} from older epochs): {} armed, {} already "
				+ "late went to their job's misfire policy", rows.size(), share.partitions().size(), olderEpochs, armed,
				withdrawn.size());
		return late;
	}

	/** @return how many slots were claimed */
	private int planDue(FiringTerm term, long now, long horizon, Map<Long, LateSlots> late, Share share) {
		long threshold = this.properties.misfireThreshold().toMillis();
		List<BatchClaims.JobClaim> claims = new ArrayList<>();
		List<ScheduledJob> due = new ArrayList<>(this.schedules.loadDue(horizon, share));
		if (!late.isEmpty()) {
			// A job whose late slot was recovered may not be due again yet (an hourly job): plan it anyway.
			Set<Long> loaded = new HashSet<>();
			due.forEach((scheduled) -> loaded.add(scheduled.job().id()));
			due.addAll(this.schedules.loadScheduled(late.keySet().stream().filter((id) -> !loaded.contains(id)).toList()));
		}
		int missedJobs = 0;
		long missedSlots = 0;
		Map<Long, Long> missedByJob = new HashMap<>();
		for (ScheduledJob scheduled : due) {
			JobSpec job = scheduled.job();
			term.noteRevision(job.id(), scheduled.revision());
			CronSchedule cron;
			try {
				cron = this.crons.get(job.cron(), job.timeZone());
			}
			catch (InvalidCronException ex) {
				if (this.reportedInvalid.putIfAbsent(job.cron() + "\n" + job.timeZone(), Boolean.TRUE) == null) {
					logger.warn("Job {} cannot be scheduled: {}", job.id(), ex.getMessage());
				}
				continue;
			}
			SlotPlan plan = SchedulePlanner.plan(cron, scheduled.nextFireAt(), scheduled.notBefore(),
					Misfire.of(job.misfire()), now, horizon, threshold);
			LateSlots recovered = late.get(job.id());
			if (recovered != null) {
				plan = SchedulePlanner.foldRecoveredMisses(plan, recovered.count(), recovered.latestMs(), now);
			}
			if (plan.missed() > 0) {
				missedByJob.put(job.id(), plan.missed());
				this.metrics.missed(plan.misfire(), plan.missed());
				missedJobs++;
				missedSlots += plan.missed();
				logger.debug("Job {} missed {} slot(s) from {}: misfire policy {}", job.id(), plan.missed(),
						scheduled.nextFireAt(), plan.misfire().name().toLowerCase(Locale.ROOT));
			}
			if (!plan.slots().isEmpty() || !Long.valueOf(plan.nextFireAt()).equals(scheduled.nextFireAt())) {
				claims.add(new BatchClaims.JobClaim(scheduled, scheduled.nextFireAt(), plan.nextFireAt(), plan.slots()));
			}
		}
		if (missedJobs > 0) {
			// One line per round, not per job: after an outage thousands of jobs miss slots at once.
			logger.info("{} job(s) missed {} slot(s) in all; each job's misfire policy applied (details at DEBUG)",
					missedJobs, missedSlots);
		}
		if (claims.isEmpty()) {
			return 0;
		}
		ClaimOrder.Passes passes = ClaimOrder.split(claims,
				now + this.properties.dispatch().lead().toMillis() + this.properties.pollInterval().toMillis());
		return claimAndArm(term, passes.urgent(), now, missedByJob, share)
				+ claimAndArm(term, passes.later(), now, missedByJob, share);
	}

	private int claimAndArm(FiringTerm term, List<BatchClaims.JobClaim> claims, long now, Map<Long, Long> missedByJob,
			Share share) {
		if (claims.isEmpty()) {
			return 0;
		}
		Map<String, Long> claimed = this.batchClaims.claimAll(claims, this.shares.holder(), share, now);
		List<RunStore.Failure> skipped = new ArrayList<>();
		for (BatchClaims.JobClaim claim : claims) {
			JobSpec job = claim.job().job();
			for (SlotPlan.Slot slot : claim.slots()) {
				Long runId = claimed.get(ScheduleStore.slotKey(job.id(), slot.scheduledAtMs()));
				if (runId == null) {
					continue;
				}
				if (slot.kind().equals(SchedulePlanner.SKIPPED)) {
					skipped.add(new RunStore.Failure(runId, skippedMessage(missedByJob.get(job.id()), slot.scheduledAtMs())));
				}
				else {
					term.arm(new ClaimedRun(runId, share.epochOf(job.id()).getAsLong(), slot.scheduledAtMs(), slot.kind(),
							1, job), slot.fireAtMs(), claim.job().revision());
				}
			}
		}
		if (!skipped.isEmpty()) {
			// Claimed with the schedule's advance (so once), then finished here; a leader that dies in between
			// leaves them claimed for the next one's recovery, which finishes them the same way.
			this.runs.finishAllWithError(skipped, now);
		}
		return claimed.size();
	}

	/** The reason a skip record gives; the alerting's missed-fire rule reads its prefix. */
	static String skippedMessage(Long count, long latestMs) {
		String slots = (count != null) ? count + " slot(s) up to " : "slots up to ";
		return "skipped by the job's misfire policy (skip): " + slots + Instant.ofEpochMilli(latestMs)
				+ " were not fired in time (no master was leading, or the leader was behind)";
	}

	/** Recovered slots of one job that were already late: how many, and the latest. */
	private record LateSlots(long count, long latestMs) {

		LateSlots plus(LateSlots other) {
			return new LateSlots(this.count + other.count, Math.max(this.latestMs, other.latestMs));
		}

	}

	private void pickUpRequested(FiringTerm term, long now, long horizon, Share share) {
		for (RunClaims.PendingRow row : this.claims.requested(horizon, share)) {
			long epoch = share.epochOf(row.jobId()).getAsLong();
			if (!this.claims.claimRequested(row, this.shares.holder(), epoch)) {
				continue;
			}
			Optional<JobSpec> job = this.jobs.find(row.jobId());
			if (job.isEmpty()) {
				this.runs.finishWithError(row.runId(), "job " + row.jobId() + " no longer exists", now);
				continue;
			}
			term.arm(new ClaimedRun(row.runId(), epoch, row.scheduledAt(), row.triggerKind(), row.attempt(),
					job.get()), row.scheduledAt(), null);
		}
	}

}
