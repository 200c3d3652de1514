package io.cronhive.master.leader;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.cronhive.common.health.Watchdog;
import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquires and renews the lease, and knows locally until when this replica may act as leader. The local
 * deadline is measured from the moment the last successful renewal was <em>sent</em> (on a connection already
 * held, so a wait for the database to come back does not eat the lease), with a safety margin, so it always
 * ends before the database lease does: a leader that cannot renew stops acting before any follower can take
 * over (fencing by time), and the epoch fences whatever it still writes after that. A leader whose last
 * renewal left it less than two intervals renews again at once rather than a whole interval later.
 */
public class LeaderElector {

	private static final Logger logger = LoggerFactory.getLogger(LeaderElector.class);

	/** Renewing again at once still leaves the database a breath between two rounds. */
	private static final long MIN_TICK_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** How often a follower looks for the leader's presence, where the database supports it. */
	private static final long PRESENCE_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	/** A follower tries this long after the lease's expiry, so its attempt does not land a hair too early. */
	private static final long EXPIRY_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final LeaderLease lease;

	private final LeaderPresence presence;

	// The lease under which a follower last saw the leader's presence lock held.
	private volatile LeaderPresence.Sighting lastSeenPresent;

	private final String holder;

	private final Duration ttl;

	private final Duration renewInterval;

	private final long safetyNanos;

	// Iterated at each change, not copied: listener beans may themselves depend on this elector.
	private final Iterable<LeadershipListener> listeners;

	private final LongSupplier nanoTime;

	private final Object lock = new Object();

	private final LogStorm failures = new LogStorm(Duration.ofSeconds(10));

	private volatile Term term;

	// A follower's next attempt: when the lease it saw held will have expired, within one renewal interval.
	private volatile long followerDelayNanos;

	private ScheduledExecutorService executor;

	private volatile Watchdog watchdog;

	public LeaderElector(LeaderLease lease, LeaderPresence presence, String holder, Duration ttl,
			Duration renewInterval, Iterable<LeadershipListener> listeners) {
		this(lease, presence, holder, ttl, renewInterval, listeners, System::nanoTime);
	}

	LeaderElector(LeaderLease lease, LeaderPresence presence, String holder, Duration ttl, Duration renewInterval,
			Iterable<LeadershipListener> listeners, LongSupplier nanoTime) {
		this.lease = lease;
		this.presence = presence;
		this.holder = holder;
		this.ttl = ttl;
		this.renewInterval = renewInterval;
		// A tenth of the TTL covers clock-rate drift between this host and the database (far below 10%).
		this.safetyNanos = ttl.toNanos() / 10;
		this.listeners = listeners;
		this.nanoTime = nanoTime;
		this.followerDelayNanos = renewInterval.toNanos();
	}

	/** Starts competing for the lease in the background. */
	public void start() {
		synchronized (this.lock) {
			if (this.executor != null) {
				return;
			}
			this.executor = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("leader-", 0).daemon().factory());
			this.executor.execute(this::tickSafely);
			// Separate thread: a renewal stuck on the database must not keep an expired leader acting.
			this.executor.scheduleWithFixedDelay(guarded("lease deadline check", this::checkDeadline), 50, 50,
					TimeUnit.MILLISECONDS);
		}
	}

	/** Has the watchdog fail this master if the lease's rounds ever stop for an Error. */
	public void watchedBy(Watchdog watchdog) {
		this.watchdog = watchdog;
	}

	private Runnable guarded(String what, Runnable task) {
		Watchdog current = this.watchdog;
		return (current != null) ? current.guard(what, task) : task;
	}

	/** Stops competing and gives the lease up, so a follower takes over without waiting for expiry. */
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this.lock) {
			running = this.executor;
			this.executor = null;
		}
		if (running != null) {
			running.shutdownNow();
		}
		Term current = this.term;
		if (current != null) {
			depose(current, "shutting down");
			try {
				this.lease.release(this.holder, current.epoch());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release the lease (epoch {}): {}", current.epoch(), ex.getMessage());
			}
		}
	}

	/** The epoch under which this replica may act right now, or empty when it must not. */
	public OptionalLong currentEpoch() {
		Term current = this.term;
		if (current == null || this.nanoTime.getAsLong() - current.deadlineNanos() >= 0) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(current.epoch());
	}

	/** Whether this replica may still act under {@code epoch}. */
	public boolean isLeading(long epoch) {
		OptionalLong current = currentEpoch();
		return current.isPresent() && current.getAsLong() == epoch;
	}

	public String holder() {
		return this.holder;
	}

	/**
	 * One round: renew when leading, otherwise take the lease if it expired or its holder's process is gone.
	 * Package-private for tests.
	 */
	void tick() {
		long[] sentAt = { this.nanoTime.getAsLong() };
		Runnable sending = () -> sentAt[0] = this.nanoTime.getAsLong();
		Term current = this.term;
		if (current != null) {
			if (this.lease.renew(this.holder, current.epoch(), this.ttl, sending)) {
				extend(current, sentAt[0]);
				this.presence.hold();
			}
			else {
				depose(current, "renewal refused");
			}
			return;
		}
		// A whole interval unless the lease is seen: a database that does not answer is not asked every few ms.
		this.followerDelayNanos = this.renewInterval.toNanos();
		OptionalLong epoch = this.lease.tryAcquire(this.holder, this.ttl, sending);
		if (epoch.isEmpty()) {
			epoch = takeOverFromGoneLeader(sending);
		}
		if (epoch.isEmpty()) {
			long untilExpiryNanos = TimeUnit.MILLISECONDS.toNanos(this.lease.millisUntilExpiry()) + EXPIRY_SLACK_NANOS;
			long limit = this.presence.supported() ? Math.min(PRESENCE_LOOK_NANOS, this.renewInterval.toNanos())
					: this.renewInterval.toNanos();
			this.followerDelayNanos = Math.clamp(untilExpiryNanos, EXPIRY_SLACK_NANOS, limit);
			return;
		}
		Term elected = new Term(epoch.getAsLong(), sentAt[0] + this.ttl.toNanos() - this.safetyNanos);
		synchronized (this.lock) {
			this.term = elected;
		}
		logger.info("Leading as {} under epoch {}", this.holder, elected.epoch());
		this.presence.hold();
		for (LeadershipListener listener : this.listeners) {
			listener.onElected(elected.epoch());
		}
	}

	/**
	 * Takes the lease at once from a leader whose presence lock this follower saw held under the lease's
	 * current holder and epoch and now sees free: its database session ended, so its process is gone.
	 */
	private OptionalLong takeOverFromGoneLeader(Runnable sending) {
		Optional<LeaderPresence.Sighting> seen = this.presence.look();
		if (seen.isEmpty() || seen.get().holder() == null) {
			return OptionalLong.empty();
		}
		LeaderPresence.Sighting now = seen.get();
		if (now.present()) {
			this.lastSeenPresent = now;
			return OptionalLong.empty();
		}
		if (!now.sameLease(this.lastSeenPresent)) {
			return OptionalLong.empty();
		}
		OptionalLong epoch = this.lease.takeOverFrom(this.holder, now.holder(), now.epoch(), this.ttl, sending);
		if (epoch.isPresent()) {
			logger.warn("Leader {} (epoch {}) is gone: its database session ended. Took over before its lease expired",
					now.holder(), now.epoch());
		}
		return epoch;
	}

	/** Deposes this replica if its local deadline passed. Package-private for tests. */
	void checkDeadline() {
		Term current = this.term;
		if (current != null && this.nanoTime.getAsLong() - current.deadlineNanos() >= 0) {
			depose(current, "lease not renewed in time");
		}
	}

	private void extend(Term current, long sentAt) {
		synchronized (this.lock) {
			if (this.term == current) {
				this.term = new Term(current.epoch(), sentAt + this.ttl.toNanos() - this.safetyNanos);
			}
		}
	}

	private void depose(Term current, String reason) {
		synchronized (this.lock) {
			if (this.term != current) {
				return;
			}
			this.term = null;
		}
		this.presence.release();
		logger.warn("Stopped leading (epoch {}): {}", current.epoch(), reason);
		for (LeadershipListener listener : this.listeners) {
			listener.onDeposed(current.epoch());
		}
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			LogStorm.Line line = this.failures.occurred(ex.getClass().getName());
			if (line != null) {
				logger.warn("Lease round failed{}: {}", (line.count() > 1) ? " " + line.count() + " times" : "",
						ex.getMessage());
			}
		}
		finally {
			scheduleNextTick();
		}
	}

	/**
	 * The next round comes an interval later, or at once when the last renewal left less than two intervals
	 * (a renewal that took long to be confirmed, a database coming back): waiting a whole interval then could
	 * let the lease lapse with the database answering again. A follower comes back right when the lease it saw
	 * will have expired, if that is sooner: a dead leader's share then waits for the lease only.
	 */
	private void scheduleNextTick() {
		long delayNanos = nextTickDelayNanos();
		synchronized (this.lock) {
			if (this.executor == null) {
				return;
			}
			try {
				this.executor.schedule(guarded("lease renewal", this::tickSafely), delayNanos, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Stopped meanwhile: no further rounds.
			}
		}
	}

	/** How long until the next round: see {@link #scheduleNextTick()}. Package-private for tests. */
	long nextTickDelayNanos() {
		Term current = this.term;
		if (current == null) {
			return this.followerDelayNanos;
		}
		long delayNanos = this.renewInterval.toNanos();
		if (current.deadlineNanos() - this.nanoTime.getAsLong() < 2 * delayNanos) {
			delayNanos = MIN_TICK_DELAY_NANOS;
		}
		return delayNanos;
	}

	private record Term(long epoch, long deadlineNanos) {
	}

}
