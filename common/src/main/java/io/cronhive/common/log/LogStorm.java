package io.cronhive.common.log;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps a storm of one failure to one log line per kind and interval: the first occurrence is logged at
 * once (with its stack trace, where there is one), later ones are counted, and the first occurrence after the
 * interval logs a line with the count. An overloaded worker once wrote 427,000 log lines in 4 minutes, which
 * cost the CPU and disk it was short of.
 * <p>
 * Kinds are few and chosen by the code (a failure's class, a worker's name); the table is bounded anyway, so
 * kinds made of outside input cannot grow it without limit. Thread-safe.
 */
public final class LogStorm {

	/** Kinds remembered at most; beyond, the longest-quiet kind is forgotten (and logs at once next time). */
	static final int MAX_KINDS = 1024;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Kind> kinds = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Kind> eldest) {
			return size() > MAX_KINDS;
		}

	};

	public LogStorm(Duration interval) {
		this(interval, System::nanoTime);
	}

	public LogStorm(Duration interval, LongSupplier nanoClock) {
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * Records {@code count} occurrences of a kind.
	 * @return the line to log now, or null when this kind already had its line in the current interval
	 */
	public Line occurred(String kind, long count) {
		long now = this.nanoClock.getAsLong();
		synchronized (this.kinds) {
			Kind seen = this.kinds.get(kind);
			if (seen == null) {
				this.kinds.put(kind, new Kind(now, 0));
				return new Line(count, true);
			}
			if (now - seen.lastLineNanos() < this.intervalNanos) {
				this.kinds.put(kind, new Kind(seen.lastLineNanos(), seen.pending() + count));
				return null;
			}
			this.kinds.put(kind, new Kind(now, 0));
			return new Line(seen.pending() + count, false);
		}
	}

	/** One occurrence; see {@link #occurred(String, long)}. */
	public Line occurred(String kind) {
		return occurred(kind, 1);
	}

	/**
	 * A line to log.
	 *
	 * @param count occurrences since the kind's last line, the current ones included
	 * @param first whether this is the kind's first line, the one that carries a stack trace
	 */
	public record Line(long count, boolean first) {
	}

	private record Kind(long lastLineNanos, long pending) {
	}

}
