package io.cronhive.common.dispatch;

/**
 * How jobs are spread over the scheduler's partitions: by job id, over a fixed number of partitions that the
 * schema creates ({@code scheduler_partitions}). Each partition is fired by one master at a time under an
 * epoch of its own, so a worker fences dispatches per partition.
 */
public final class Partitions {

	/**
	 * How many partitions there are. Far more than masters, so a share is balanced within one partition
	 * (under 10% of a share up to a dozen masters) and a master joining or leaving moves only its own share.
	 */
	public static final int COUNT = 128;

	private Partitions() {
	}

	/** The partition a job belongs to. */
	public static int of(long jobId) {
		return (int) Math.floorMod(jobId, (long) COUNT);
	}

}
