package io.cronhive.worker.run;

import java.util.Arrays;
import java.util.function.Consumer;

import io.cronhive.common.dispatch.Partitions;

/**
 * The highest epoch an agent has seen for each partition, and for the masters of before partitions, against
 * which it fences dispatches. A partition is fired by one master at a time and its epochs only grow, but two
 * masters firing different partitions carry unrelated epochs, so one partition's epoch says nothing about
 * another's. The masters of before partitions had one leader and one epoch, kept apart as the legacy epoch.
 * One slot per partition ({@link Partitions#COUNT}) and one for the legacy epoch, whatever the masters send:
 * the controller refuses partitions outside that range. Not thread-safe: {@link RunJournal} guards it.
 */
final class HighestEpochs {

	/** By partition; 0 for one never seen (masters take epochs from 1), which refuses nothing. */
	private final long[] byPartition = new long[Partitions.COUNT];

	private long legacy;

	/** Whether {@code partition} is one this agent fences: null (a master of before partitions) or in range. */
	static boolean isPartition(Integer partition) {
		return partition == null || (partition >= 0 && partition < Partitions.COUNT);
	}

	/** The highest epoch seen for {@code partition}, or, when it is null, from a master of before partitions. */
	long of(Integer partition) {
		return (partition != null) ? this.byPartition[checked(partition)] : this.legacy;
	}

	/** Raises the highest epoch of {@code partition} (null for a master of before partitions) to {@code epoch}. */
	void seen(Integer partition, long epoch) {
		if (partition == null) {
			this.legacy = Math.max(this.legacy, epoch);
		}
		else {
			int p = checked(partition);
			this.byPartition[p] = Math.max(this.byPartition[p], epoch);
		}
	}

	void clear() {
		Arrays.fill(this.byPartition, 0);
		this.legacy = 0;
	}

	/**
	 * One line per epoch, for the journal's compaction: {@code E epoch} for the legacy epoch (always, as
	 * journals wrote it before partitions), then {@code E epoch partition} for each partition seen.
	 */
	void forEachLine(Consumer<String> out) {
		out.accept("E " + this.legacy);
		for (int partition = 0; partition < this.byPartition.length; partition++) {
			if (this.byPartition[partition] > 0) {
				out.accept("E " + this.byPartition[partition] + " " + partition);
			}
		}
	}

	/** Reads a line written by {@link #forEachLine}, or an older journal's {@code E epoch}. */
	void addLine(String[] fields) {
		long epoch = Long.parseLong(fields[1]);
		seen((fields.length > 2) ? parse(fields[2]) : null, epoch);
	}

	/** A partition as the journal writes it; throws for one out of range, as for any unreadable line. */
	static Integer parse(String field) {
		return checked(Integer.parseInt(field));
	}

	private static int checked(int partition) {
		if (!isPartition(partition)) {
			throw new IllegalArgumentException("partition " + partition + " is not in 0.." + (Partitions.COUNT - 1));
		}
		return partition;
	}

}
