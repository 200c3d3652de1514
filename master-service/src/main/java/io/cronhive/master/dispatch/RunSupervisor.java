package io.cronhive.master.dispatch;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.health.Watchdog;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.master.config.MasterProperties;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.leader.LeadershipListener;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.run.SupervisedRuns;
import io.cronhive.master.run.SupervisedRuns.KillOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's watch over runs in flight: forwards operators' kill requests to the worker running the run
 * (signed {@link KillRequest}), cancels kill-requested runs not yet sent, and finishes as errors the runs that
 * will never be reported (never acknowledged, or far beyond their timeout), killing them on their worker.
 */
class RunSupervisor implements LeadershipListener {

	private static final Logger logger = LoggerFactory.getLogger(RunSupervisor.class);

	private final Watchdog watchdog;

	private final LeaderElector elector;

	private final SupervisedRuns supervised;

	private final RunStore runs;

	private final RunRetries retries;

	private final WorkerDirectory directory;

	private final WorkerCalls calls;

	private final MasterProperties properties;

	private final RunMetrics runMetrics;

	private final Clock clock;

	private ScheduledExecutorService executor;

	private long lastReapMs;

	RunSupervisor(LeaderElector elector, SupervisedRuns supervised, RunStore runs, RunRetries retries,
			WorkerDirectory directory, WorkerCalls calls, MasterProperties properties, RunMetrics runMetrics,
			Clock clock, Watchdog watchdog) {
		this.watchdog = watchdog;
		this.elector = elector;
		this.supervised = supervised;
		this.runs = runs;
		this.retries = retries;
		this.directory = directory;
		this.calls = calls;
		this.properties = properties;
		this.runMetrics = runMetrics;
		this.clock = clock;
	}

	@Override
	public synchronized void onElected(long epoch) {
		stop();
		this.executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("run-supervisor-" + epoch).daemon().factory());
		this.executor.scheduleWithFixedDelay(this.watchdog.guard("run supervision", () -> {
			try {
				if (this.elector.isLeading(epoch)) {
					round();
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Run supervision round failed: {}", ex.toString());
			}
		}), 0, this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void onDeposed(long epoch) {
		stop();
	}

	private void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	/** One round: kills every poll, reaping every reaper interval. */
	void round() {
		long now = this.clock.millis();
		for (Long runId : this.supervised.cancelUnsentKilled(now)) {
			logger.info("Run {} killed before it was sent", runId);
		}
		for (KillOrder order : this.supervised.pendingKills()) {
			sendKill(order, true);
			this.supervised.markKillSent(order.runId(), now);
		}
		if (now - this.lastReapMs >= this.properties.runs().reaperInterval().toMillis()) {
			this.lastReapMs = now;
			reap(now);
		}
	}

	/**
	 * Fails the runs no report came for, in one transaction with one log line: a worker that dies leaves a
	 * second's worth of runs at a time, thousands at high rates, and each cost a statement and two log lines.
	 */
	private void reap(long now) {
		MasterProperties.Runs settings = this.properties.runs();
		List<KillOrder> stuck = this.supervised.stuckRuns(now, settings.undeliveredAfter().toMillis(),
				settings.timeoutGrace().toMillis(), settings.unboundedStuckAfter().toMillis());
		if (stuck.isEmpty()) {
			return;
		}
		Set<Long> finished = this.runs.finishAllWithError(
				stuck.stream().map((order) -> new RunStore.Failure(order.runId(), order.reason())).toList(), now);
		KillOrder first = null;
		int killsNotSent = 0;
		for (KillOrder order : stuck) {
			if (!finished.contains(order.runId())) {
				continue;
			}
			first = (first != null) ? first : order;
			logger.debug("Run {} of job {} marked error: {}", order.runId(), order.jobId(), order.reason());
			this.runMetrics.finished(RunOutcome.FAILED);
			if (!sendKill(order, false)) {
				killsNotSent++;
			}
			this.retries.scheduleRetry(order.runId(), now);
		}
		if (first != null) {
			logger.warn("Marked {} run(s) error, from run {} of job {}: {}{}", finished.size(), first.runId(),
					first.jobId(), first.reason(), (killsNotSent > 0)
							? "; " + killsNotSent + " of them not killed, their worker is not online" : "");
		}
	}

	/**
	 * @param reportOffline whether a worker that is not online deserves its own log line
	 * @return whether the kill was sent
	 */
	private boolean sendKill(KillOrder order, boolean reportOffline) {
		Optional<WorkerInstance> worker = this.directory.workers()
			.stream()
			.filter((w) -> w.instanceId().equals(order.workerInstance()))
			.findFirst();
		if (worker.isEmpty()) {
			if (reportOffline) {
				logger.info("Kill of run {} not sent: its worker {} is not online", order.runId(),
						order.workerInstance());
			}
			return false;
		}
		CallResult result = this.calls.kill(worker.get(), order.runId(), order.reason());
		logger.info("Kill of run {} sent to {} ({}): {}", order.runId(), worker.get().workerName(), order.reason(),
				result.detail());
		return true;
	}

}
