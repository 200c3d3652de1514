package io.cronhive.master.share;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.cronhive.common.dispatch.Partitions;

/**
 * What this master holds at one moment: the epoch of each of its partitions. Immutable, so a planning round
 * works from one consistent view while the keeper renews and rebalances.
 *
 * @param epochs the epoch of each partition held
 */
public record Share(Map<Integer, Long> epochs) {

	/** Holding nothing. */
	public static final Share NONE = new Share(Map.of());

	public Share {
		epochs = Map.copyOf(epochs);
	}

	/** The epoch the job's partition is held under, or empty when it is not held. */
	public OptionalLong epochOf(long jobId) {
		Long epoch = this.epochs.get(Partitions.of(jobId));
		return (epoch != null) ? OptionalLong.of(epoch) : OptionalLong.empty();
	}

	/** Whether the job's partition is held, under exactly that epoch. */
	public boolean holds(long jobId, long epoch) {
		Long held = this.epochs.get(Partitions.of(jobId));
		return held != null && held == epoch;
	}

	public boolean isEmpty() {
		return this.epochs.isEmpty();
	}

	/** Whether every partition is held: the only master, or the embedded default. */
	public boolean holdsAll() {
		return this.epochs.size() == Partitions.COUNT;
	}

	public Set<Integer> partitions() {
		return this.epochs.keySet();
	}

}
