package io.cronhive.admin.runlog;

import java.util.List;

import io.cronhive.admin.web.ApiException;

import org.springframework.http.HttpStatus;

/** 503: admin-service has no cluster secret, so it cannot ask a worker for a running run's output. */
class LiveOutputUnavailableException extends ApiException {

	LiveOutputUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "live-output-unavailable", "Live output unavailable",
				"admin-service has no CRONHIVE_CLUSTER_SECRET, so it cannot read a running run's output from its "
						+ "worker; the output appears when the run ends",
				List.of());
	}

}
