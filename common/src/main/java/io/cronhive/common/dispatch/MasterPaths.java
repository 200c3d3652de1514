package io.cronhive.common.dispatch;

/** Paths every master-service replica serves to workers; requests are signed with the cluster secret. */
public final class MasterPaths {

	/** POST a {@link RunReport}; idempotent per run id, so a worker may repeat it until acknowledged. */
	public static final String RUN_REPORTS = "/internal/run-reports";

	/** The service name masters register under in Eureka. */
	public static final String SERVICE_NAME = "master-service";

	private MasterPaths() {
	}

}
