package io.cronhive.admin.dashboard;

import java.util.List;

/**
 * {@code GET /v1/dashboard}: what the console's landing page charts, for the window {@code [from, to)} in
 * buckets of {@code bucketMs}. Instants are Unix ms.
 *
 * @param minutes one entry per bucket, oldest first, empty buckets included so a chart has no gaps
 * @param lateThresholdMs a start later than this after its slot counts as missed (the masters' misfire
 * threshold)
 * @param lastFailures the most recent failed runs, newest first
 */
record DashboardView(long from, long to, long bucketMs, List<Bucket> minutes, long lateThresholdMs, long runs,
		long ok, long failed, long missed, int workersOnline, int workersTotal,
		long jobsScheduled, List<Failure> lastFailures) {

	/**
	 * One bucket of runs created in {@code [start, start + bucketMs)}.
	 *
	 * @param other runs without a result yet (requested, claimed, running)
	 * @param lateP50Ms median trigger lateness (start on the worker − slot) of the bucket's scheduled runs, as the
	 * upper edge of its histogram bin, or null with no started scheduled run
	 * @param missed scheduled runs started later than the threshold, or never started and failed
	 */
	record Bucket(long start, long ok, long failed, long other, Long lateP50Ms, Long lateP99Ms, long missed) {
	}

	/** A failed run as the dashboard lists it. */
	record Failure(long id, long jobId, String jobName, String workerName, Long endedAt, Integer exitCode,
			String message) {
	}

}
