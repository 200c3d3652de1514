package io.cronhive.worker.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds runs handed over ahead of their instant and starts each at its millisecond. The master sends a slot's
 * runs a little early so that neither its own hop nor this agent's bookkeeping makes them late; runs sharing an
 * instant share one timer, because every-second jobs all fall on the same instants.
 */
final class StartTimer implements AutoCloseable {

	private final Clock clock;

	private final long maxDelayMs;

	private final Consumer<List<ActiveRun>> start;

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
			Thread.ofPlatform().name("run-start-timer").daemon().priority(Thread.MAX_PRIORITY).factory());

	private final Map<Long, List<ActiveRun>> byInstant = new ConcurrentHashMap<>();

	/**
	 * @param maxDelayMs longest a run is held, whatever its instant says (a master's clock may run ahead)
	 * @param start what starting runs means, given an instant's runs at once in the order they came; called on
	 * the timer thread, so it must hand off quickly
	 */
	StartTimer(Clock clock, long maxDelayMs, Consumer<List<ActiveRun>> start) {
		this.clock = clock;
		this.maxDelayMs = maxDelayMs;
		this.start = start;
	}

	/** Starts the run at {@code instantMs}, or now when that is past. */
	void startAt(ActiveRun run, long instantMs) {
		long now = this.clock.millis();
		long at = Math.min(instantMs, now + this.maxDelayMs);
		if (at <= now) {
			this.start.accept(List.of(run));
			return;
		}
		boolean[] first = new boolean[1];
		this.byInstant.compute(at, (instant, runs) -> {
			List<ActiveRun> list = (runs != null) ? runs : new ArrayList<>();
			first[0] = (runs == null);
			list.add(run);
			return list;
		});
		if (first[0]) {
			this.timer.schedule(() -> release(at), Math.max(0, at - this.clock.millis()), TimeUnit.MILLISECONDS);
		}
	}

	private void release(long instant) {
		List<ActiveRun> runs = this.byInstant.remove(instant);
		if (runs != null) {
			this.start.accept(runs);
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
