package io.cronhive.worker.run;

import java.util.Collection;
import java.util.Deque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries HTTP runs whose instant has come. A thread per run cost, for each call, a thread start, a wait for one
 * of the pooled connections and a wake-up: at thousands of runs sharing an instant, a third of this agent's CPU
 * in the burst. Instead, long-lived lanes (virtual threads, as many as the keep-alive connections per host) take
 * an instant's runs one after another from one queue, as the harness's ideal firer does over its connections.
 * <p>
 * A lane held up by a slow call must not hold up other jobs' runs: while runs wait, lanes whose call has lasted
 * longer than {@link #STUCK_NANOS} are made up for with extra lanes, which leave once nothing waits. So a slow
 * target delays its own runs only, and the number of calls in flight is still bounded by the run slots.
 */
final class HttpLanes implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HttpLanes.class);

	/** A call running this long no longer counts as a lane at work on the queue. */
	static final long STUCK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** How often waiting runs are looked at while any wait. */
	static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final int coreLanes;

	private final int maxLanes;

	private final Consumer<ActiveRun> execute;

	private final ScheduledExecutorService watcher;

	private final Queue<ActiveRun> queue = new ConcurrentLinkedQueue<>();

	/** Parked core lanes, the most recently parked first (its stack and connection are the warmest). */
	private final Deque<Lane> idle = new ConcurrentLinkedDeque<>();

	private final Set<Lane> lanes = ConcurrentHashMap.newKeySet();

	private final AtomicInteger laneCount = new AtomicInteger();

	private final AtomicInteger laneNumbers = new AtomicInteger();

	private final AtomicBoolean watching = new AtomicBoolean();

	private volatile boolean closed;

	/**
	 * @param coreLanes lanes kept for good; also how many calls run at once unless some are stuck
	 * @param maxLanes lanes at most, stuck ones included
	 * @param execute runs one run to its end on the calling lane
	 * @param watcher where the look at waiting runs is scheduled; must not be one of the lanes
	 */
	HttpLanes(int coreLanes, int maxLanes, Consumer<ActiveRun> execute, ScheduledExecutorService watcher) {
		this.coreLanes = coreLanes;
		this.maxLanes = Math.max(coreLanes, maxLanes);
		this.execute = execute;
		this.watcher = watcher;
	}

	/** Queues runs whose instant has come, in order, and wakes as many lanes as there are runs. */
	void start(Collection<ActiveRun> runs) {
		if (runs.isEmpty()) {
			return;
		}
		this.queue.addAll(runs);
		for (int i = 0; i < runs.size(); i++) {
			Lane lane = this.idle.pollFirst();
			if (lane != null) {
				lane.parked.set(false);
				LockSupport.unpark(lane.thread);
			}
			else if (!addLane(true)) {
				break;
			}
		}
		watch();
	}

	/** Lanes alive now, stuck ones included. */
	int lanes() {
		return this.laneCount.get();
	}

	/** Runs waiting for a lane. */
	int waiting() {
		return this.queue.size();
	}

	private boolean addLane(boolean core) {
		int limit = core ? this.coreLanes : this.maxLanes;
		int count;
		do {
			count = this.laneCount.get();
			if (count >= limit || this.closed) {
				return false;
			}
		}
		while (!this.laneCount.compareAndSet(count, count + 1));
		Lane lane = new Lane(core);
		this.lanes.add(lane);
		lane.thread = Thread.ofVirtual().name("http-lane-" + this.laneNumbers.incrementAndGet()).unstarted(lane);
		lane.thread.start();
		return true;
	}

	private void watch() {
		if (this.watching.compareAndSet(false, true)) {
			try {
				this.watcher.schedule(this::lookAtWaitingRuns, WATCH_NANOS, TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// Shut down: the lanes drain what is queued by themselves.
				this.watching.set(false);
			}
		}
	}

	/** Makes up for stuck lanes while runs wait; looks again while any do. */
	private void lookAtWaitingRuns() {
		this.watching.set(false);
		int waiting = this.queue.size();
		if (waiting == 0) {
			return;
		}
		long now = System.nanoTime();
		int working = 0;
		for (Lane lane : this.lanes) {
			long since = lane.callStartedAt;
			if (since == 0 || now - since < STUCK_NANOS) {
				working++;
			}
		}
		int extra = Math.min(waiting, this.coreLanes - working);
		if (extra > 0) {
			int added = 0;
			while (added < extra && addLane(false)) {
				added++;
			}
			logger.debug("{} of {} HTTP lanes are in calls longer than {} ms while {} run(s) wait: added {} lane(s)",
					this.lanes.size() - working, this.lanes.size(), TimeUnit.NANOSECONDS.toMillis(STUCK_NANOS),
					waiting, added);
		}
		watch();
	}

	@Override
	public void close() {
		this.closed = true;
		this.lanes.forEach((lane) -> LockSupport.unpark(lane.thread));
	}

	/** A long-lived run carrier; an extra (not core) lane leaves as soon as nothing waits. */
	private final class Lane implements Runnable {

		private final boolean core;

		private final AtomicBoolean parked = new AtomicBoolean();

		private Thread thread;

		/** When its current call started (System.nanoTime), 0 between calls. */
		private volatile long callStartedAt;

		Lane(boolean core) {
			this.core = core;
		}

		@Override
		public void run() {
			try {
				while (true) {
					ActiveRun run = HttpLanes.this.queue.poll();
					if (run != null) {
						this.callStartedAt = System.nanoTime();
						try {
							HttpLanes.this.execute.accept(run);
						}
						catch (RuntimeException ex) {
							logger.error("HTTP run {} failed on its lane", run.request().runId(), ex);
						}
						finally {
							this.callStartedAt = 0;
						}
						continue;
					}
					if (!this.core || HttpLanes.this.closed) {
						return;
					}
					if (this.parked.compareAndSet(false, true)) {
						HttpLanes.this.idle.addFirst(this);
					}
					// A run queued between the poll and the line above found no idle lane to wake.
					if (!HttpLanes.this.queue.isEmpty()) {
						if (this.parked.compareAndSet(true, false)) {
							HttpLanes.this.idle.remove(this);
						}
						continue;
					}
					LockSupport.park(HttpLanes.this);
				}
			}
			finally {
				HttpLanes.this.lanes.remove(this);
				HttpLanes.this.idle.remove(this);
				HttpLanes.this.laneCount.decrementAndGet();
			}
		}

	}

}
