package io.cronhive.common.dispatch;

/** Paths a worker-agent serves to masters; every request on them is signed with the cluster secret. */
public final class WorkerPaths {

	/** POST a {@link RunRequest}: 202 accepted, 200 already known (not run again), 429 at capacity. */
	public static final String RUNS = "/internal/runs";

	/**
	 * POST a {@link RunBatch}: every run due at one instant for this worker in one request, answered with a
	 * {@link RunBatchAcceptance} holding one verdict per run (always 200 once the batch itself is valid).
	 */
	public static final String RUN_BATCHES = "/internal/run-batches";

	/** POST a {@link KillRequest} for a running run. */
	public static final String KILL = "/internal/runs/{runId}/kill";

	/** GET a run's output from a byte offset: {@code ?offset=N}. */
	public static final String OUTPUT = "/internal/runs/{runId}/output";

	/** Eureka metadata keys a worker registers with. */
	public static final String META_TAG = "tag";

	public static final String META_WORKER_NAME = "workerName";

	public static final String META_HOST = "host";

	private WorkerPaths() {
	}

}
