package io.cronhive.common.dispatch;

/** Paths every master-service replica serves to workers; requests are signed with the cluster secret. */
public final class MasterPaths {

	/** POST a {@link RunReport}; idempotent per run id, so a worker may repeat it until acknowledged. */
	public static final String RUN_REPORTS = "/internal/run-reports";

	/**
	 * POST a {@link RunReportBatch}; answered 200 with a {@link RunReportBatchAck} naming each run's outcome.
	 * Masters older than it answer 404, and a worker then falls back to {@link #RUN_REPORTS}.
	 */
	public static final String RUN_REPORT_BATCHES = "/internal/run-reports/batch";

	/** The service name masters register under in Eureka. */
	public static final String SERVICE_NAME = "master-service";

	private MasterPaths() {
	}

}
