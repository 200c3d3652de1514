package io.cronhive.master.share;

import io.cronhive.common.dispatch.Partitions;

/**
 * Conditions appended to a statement's WHERE clause so that it writes only while this master holds the
 * partition of the row's job, by the database's clock. They take the place the single leader lease's fence
 * had: each row's own job decides which lease applies, so one statement can carry runs of many partitions.
 * Column names must be qualified with their table: {@code scheduler_partitions} has an {@code epoch} too.
 */
public final class ShareFence {

	private ShareFence() {
	}

	/** Parameter (holder): the job's partition is held by that holder now, under whatever epoch. */
	public static String heldBy(String jobIdColumn) {
		return held(jobIdColumn) + "AND sp.holder = ?)";
	}

	/** Parameters (holder, epoch): the job's partition is held by that holder now, under exactly that epoch. */
	public static String heldAt(String jobIdColumn) {
		return held(jobIdColumn) + "AND sp.holder = ? AND sp.epoch = ?)";
	}

	/** Parameter (holder): the job's partition is held by that holder now, under the epoch the row carries. */
	public static String heldUnderRowEpoch(String jobIdColumn, String epochColumn) {
		return heldUnderRowEpoch(jobIdColumn, epochColumn, "?");
	}

	/** {@link #heldUnderRowEpoch(String, String)} with the holder as a named parameter, e.g. {@code :holder}. */
	public static String heldUnderRowEpoch(String jobIdColumn, String epochColumn, String holderParameter) {
		return held(jobIdColumn) + "AND sp.holder = " + holderParameter + " AND sp.epoch = " + epochColumn + ")";
	}

	/**
	 * Parameter (holder): the epoch under which that holder holds the job's partition now, as a scalar subquery
	 * (NULL when it does not hold it).
	 */
	public static String heldEpoch(String jobIdColumn) {
		return "(SELECT sp.epoch " + partitionRow(jobIdColumn) + "AND sp.holder = ?)";
	}

	/** The partition of a job id column, in SQL. */
	public static String partitionOf(String jobIdColumn) {
		return "MOD(" + jobIdColumn + ", " + Partitions.COUNT + ")";
	}

	private static String held(String jobIdColumn) {
		return "EXISTS (SELECT 1 " + partitionRow(jobIdColumn);
	}

	/** The unexpired lease row of the job's partition, from FROM on, open for more conditions. */
	private static String partitionRow(String jobIdColumn) {
		return "FROM scheduler_partitions sp WHERE sp.partition_no = " + partitionOf(jobIdColumn)
				+ " AND sp.expires_at > CURRENT_TIMESTAMP(3) ";
	}

}
