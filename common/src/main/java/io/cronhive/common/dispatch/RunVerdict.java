package io.cronhive.common.dispatch;

/**
 * A worker's answer for one run of a {@link RunBatch}, the batch form of the single-run status codes.
 *
 * @param runId the run
 * @param verdict what became of it
 * @param detail why, for the refusals (shown in the run's message when no worker takes it)
 */
public record RunVerdict(long runId, Verdict verdict, String detail) {

	/** The single-run endpoint's statuses, one per constant. */
	public enum Verdict {

		/** Taken: it starts at its instant (202 for a single run). */
		ACCEPTED,
		/** Already taken before, not run again (200). */
		ALREADY_KNOWN,
		/** Sent under an epoch older than one the worker has seen for the run's partition (409). */
		STALE_EPOCH,
		/** All run slots busy; another worker should take it (429). */
		AT_CAPACITY,
		/** Draining for shutdown (503). */
		SHUTTING_DOWN,
		/** The worker still has runs of another cluster (another database) in flight (421). */
		OTHER_CLUSTER,
		/** A field is missing or invalid; {@code detail} names it (400). */
		INVALID

	}

}
