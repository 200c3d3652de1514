package io.cronhive.common.dispatch;

import java.util.List;

/**
 * Many finished runs' reports in one request: at thousands of runs a second, one request (and one master
 * transaction) per run is the bottleneck. Each report is applied idempotently, as if sent alone.
 *
 * @param reports the reports, in no particular order; a run may appear more than once
 */
public record RunReportBatch(List<RunReport> reports) {

	public RunReportBatch {
		reports = (reports != null) ? List.copyOf(reports) : List.of();
	}

}
