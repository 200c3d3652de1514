package io.cronhive.master.dependency;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.leader.LeadershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leader's sweep over joins still waiting after their timeout: each gets its one run recorded as failed,
 * naming the parents that did not succeed, so an operator sees why the child never ran. The run's unique key is
 * the one a completing parent would use, so a parent succeeding at the same moment and the sweep cannot both
 * win; a new leader simply sweeps again.
 */
@Component
class JoinTimeouts implements LeadershipListener {

	private static final Logger logger = LoggerFactory.getLogger(JoinTimeouts.class);

	// A timeout is minutes or hours long; a second's slack in noticing it is not worth a busier loop.
	private static final long SWEEP_EVERY_MS = 1000;

	private final DependencyStore store;

	private final LeaderElector elector;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private ScheduledExecutorService executor;

	JoinTimeouts(DependencyStore store, LeaderElector elector, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.elector = elector;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public synchronized void onElected(long epoch) {
		stop();
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("join-timeouts-" + epoch).daemon().factory());
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				if (this.elector.isLeading(epoch)) {
					sweep();
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Join timeout sweep failed: {}", ex.toString());
			}
		}, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);
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

	/** Fails every join whose time is up; answers how many it failed. */
	int sweep() {
		long now = this.clock.millis();
		List<JoinWindow> expired = this.store.expiredJoins(now);
		int failed = 0;
		for (JoinWindow join : expired) {
			Boolean done = this.transactions.execute((status) -> expire(join, now));
			failed += Boolean.TRUE.equals(done) ? 1 : 0;
		}
		return failed;
	}

	private boolean expire(JoinWindow join, long now) {
		if (!this.store.lockOpen(join, now)) {
			return false;
		}
		List<Long> missing = JoinWindow.missing(this.store.joinParents(join.childJobId()), this.store.arrived(join));
		boolean failed = this.store.failJoin(join, null, "join timed out after " + join.timeoutMs()
				+ " ms: no successful run of parent job(s) " + missing + " for this instant", now);
		this.store.close(join);
		if (failed) {
			logger.info("Join of job {} at {} timed out waiting for job(s) {}", join.childJobId(), join.instantMs(),
					missing);
		}
		return failed;
	}

}
