package io.cronhive.master.share;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.cronhive.common.health.Watchdog;
import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this master's share of the partitions. Each round it renews its leases (one statement), gives up the
 * partitions the leader assigned elsewhere, and takes those assigned to it once their previous holder let them
 * go or they expired, each under a fresh epoch. Like the leader's lease, it knows locally until when it may act:
 * from the moment its last renewal was sent, less a safety margin, so it stops firing before anyone else can
 * take its partitions; the epochs fence whatever it still writes after that.
 */
public class ShareKeeper {

	private static final Logger logger = LoggerFactory.getLogger(ShareKeeper.class);

	private final PartitionLeases leases;

	private final MemberPresence presence;

	private final String holder;

	private final Duration ttl;

	private final Duration interval;

	private final long safetyNanos;

	// Iterated at each change, not copied: listener beans may themselves depend on this keeper.
	private final Iterable<ShareListener> listeners;

	private final LongSupplier nanoTime;

	private final LogStorm failures = new LogStorm(Duration.ofSeconds(10));

	private volatile Held held = new Held(Share.NONE, 0);

	private ScheduledExecutorService executor;

	private volatile Watchdog watchdog;

	public ShareKeeper(PartitionLeases leases, MemberPresence presence, String holder, Duration ttl, Duration interval,
			Iterable<ShareListener> listeners) {
		this(leases, presence, holder, ttl, interval, listeners, System::nanoTime);
	}

	ShareKeeper(PartitionLeases leases, MemberPresence presence, String holder, Duration ttl, Duration interval,
			Iterable<ShareListener> listeners, LongSupplier nanoTime) {
		this.leases = leases;
		this.presence = presence;
		this.holder = holder;
		this.ttl = ttl;
		this.interval = interval;
		// A tenth of the TTL covers clock-rate drift between this host and the database (far below 10%).
		this.safetyNanos = ttl.toNanos() / 10;
		this.listeners = listeners;
		this.nanoTime = nanoTime;
	}

	/** Has the watchdog fail this master if its rounds ever stop for an Error. */
	public void watchedBy(Watchdog watchdog) {
		this.watchdog = watchdog;
	}

	public String holder() {
		return this.holder;
	}

	/** What this master may fire right now: nothing once its leases may have run out. */
	public Share current() {
		Held now = this.held;
		if (now.share().isEmpty() || this.nanoTime.getAsLong() - now.deadlineNanos() >= 0) {
			return Share.NONE;
		}
		return now.share();
	}

	/** Whether the job's partition is held right now, under exactly that epoch. */
	public boolean holds(long jobId, long epoch) {
		return current().holds(jobId, epoch);
	}

	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("share-", 0).daemon().factory());
		this.executor.scheduleWithFixedDelay(guarded("partition leases", this::tickSafely), 0, this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		// Separate thread: a renewal stuck on the database must not keep expired partitions firing.
		this.executor.scheduleWithFixedDelay(guarded("partition deadline check", this::checkDeadline), 50, 50,
				TimeUnit.MILLISECONDS);
	}

	/** Stops and lets every partition go, so their next holders need not wait for the leases to expire. */
	public void stop() {
		synchronized (this) {
			if (this.executor != null) {
				this.executor.shutdownNow();
				this.executor = null;
			}
		}
		Set<Integer> partitions = Set.copyOf(this.held.share().partitions());
		publish(Map.of(), 0, "shutting down");
		try {
			this.leases.release(this.holder, partitions);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release {} partition(s): {}", partitions.size(), ex.getMessage());
		}
	}

	/** One round: renew, give up what moved away, take what was assigned here. Package-private for tests. */
	void tick() {
		this.presence.hold();
		long[] sentAt = { this.nanoTime.getAsLong() };
		Runnable sending = () -> sentAt[0] = this.nanoTime.getAsLong();
		Map<Integer, Long> held = new HashMap<>();
		long deadline = 0;
		if (!current().isEmpty()) {
			held.putAll(this.leases.renew(this.holder, this.ttl, sending));
			deadline = sentAt[0] + this.ttl.toNanos() - this.safetyNanos;
		}
		List<PartitionLeases.Row> rows = this.leases.read();
		Set<Integer> moved = new TreeSet<>();
		Set<Integer> wanted = new TreeSet<>();
		for (PartitionLeases.Row row : rows) {
			boolean ours = this.holder.equals(row.assignedTo());
			if (held.containsKey(row.partition()) && !ours) {
				moved.add(row.partition());
			}
			else if (ours && !held.containsKey(row.partition()) && !row.live()) {
				wanted.add(row.partition());
			}
		}
		if (!moved.isEmpty()) {
			// Stop firing them here before the database lets anyone else take them.
			held.keySet().removeAll(moved);
			publish(held, deadline, "reassigned by the leader");
			this.leases.release(this.holder, moved);
		}
		if (!wanted.isEmpty()) {
			boolean heldNothing = held.isEmpty();
			held.putAll(this.leases.acquire(this.holder, wanted, this.ttl, sending));
			if (heldNothing) {
				deadline = sentAt[0] + this.ttl.toNanos() - this.safetyNanos;
			}
		}
		publish(held, deadline, "renewed");
	}

	/** Drops the whole share if its local deadline passed. Package-private for tests. */
	void checkDeadline() {
		Held now = this.held;
		if (!now.share().isEmpty() && this.nanoTime.getAsLong() - now.deadlineNanos() >= 0) {
			publish(Map.of(), 0, "leases not renewed in time");
		}
	}

	private synchronized void publish(Map<Integer, Long> epochs, long deadlineNanos, String reason) {
		Share before = this.held.share();
		Share after = new Share(epochs);
		this.held = new Held(after, deadlineNanos);
		Set<Integer> gained = new TreeSet<>();
		Set<Integer> lost = new TreeSet<>();
		after.epochs().forEach((partition, epoch) -> {
			if (!epoch.equals(before.epochs().get(partition))) {
				gained.add(partition);
			}
		});
		before.epochs().forEach((partition, epoch) -> {
			if (!epoch.equals(after.epochs().get(partition))) {
				lost.add(partition);
			}
		});
		if (gained.isEmpty() && lost.isEmpty()) {
			return;
		}
		if (!lost.isEmpty()) {
			logger.info("Gave up {} partition(s) ({}): {}; holding {}", lost.size(), reason, ranges(lost),
					after.epochs().size());
		}
		if (!gained.isEmpty()) {
			logger.info("Took {} partition(s): {}; holding {}", gained.size(), ranges(gained), after.epochs().size());
		}
		for (ShareListener listener : this.listeners) {
			listener.onShareChanged(after, gained, lost);
		}
	}

	/** Partition numbers as ranges, for a log line that stays short at 128 partitions. */
	static String ranges(Set<Integer> partitions) {
		StringBuilder text = new StringBuilder();
		Integer start = null;
		Integer previous = null;
		for (int partition : new TreeSet<>(partitions)) {
			if (previous != null && partition == previous + 1) {
				previous = partition;
				continue;
			}
			appendRange(text, start, previous);
			start = partition;
			previous = partition;
		}
		appendRange(text, start, previous);
		return text.toString();
	}

	private static void appendRange(StringBuilder text, Integer start, Integer end) {
		if (start == null) {
			return;
		}
		if (!text.isEmpty()) {
			text.append(',');
		}
		text.append(start);
		if (!start.equals(end)) {
			text.append('-').append(end);
		}
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			LogStorm.Line line = this.failures.occurred(ex.getClass().getName());
			if (line != null) {
				logger.warn("Partition lease round failed{}: {}", (line.count() > 1) ? " " + line.count() + " times" : "",
						ex.getMessage());
			}
		}
	}

	private Runnable guarded(String what, Runnable task) {
		Watchdog current = this.watchdog;
		return (current != null) ? current.guard(what, task) : task;
	}

	private record Held(Share share, long deadlineNanos) {
	}

}
