package io.cronhive.common.dispatch;

import java.util.List;

/**
 * A master's answer to a {@link RunReportBatch}: one entry per report, in the request's order. Every outcome
 * here lets the worker forget the report; a report without an entry was not handled and must be sent again.
 *
 * @param runs what became of each report
 */
public record RunReportBatchAck(List<Entry> runs) {

	public RunReportBatchAck {
		runs = (runs != null) ? List.copyOf(runs) : List.of();
	}

	/**
	 * @param runId the run
	 * @param outcome what its report did
	 */
	public record Entry(long runId, ReportDisposition outcome) {
	}

}
