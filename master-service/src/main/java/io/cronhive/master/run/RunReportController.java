package io.cronhive.master.run;

import java.net.URI;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.ReportDisposition;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunReportBatch;
import io.cronhive.common.dispatch.RunReportBatchAck;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where workers report finished runs. Every replica serves it (followers too), so a worker only needs any
 * master in the registry; the signature was checked by the filter before the body got here (both paths are
 * under {@code /internal/}). Workers send batches; the single-report path stays for older workers.
 */
@RestController
class RunReportController {

	private final RunReports reports;

	RunReportController(RunReports reports) {
		this.reports = reports;
	}

	@PostMapping(MasterPaths.RUN_REPORTS)
	ResponseEntity<?> report(@RequestBody RunReport report) {
		ReportOutcome outcome = this.reports.apply(report);
		if (outcome == ReportOutcome.UNKNOWN_RUN) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No run with id " + report.runId() + ".");
			problem.setType(URI.create("https://cronhive.io/problems/unknown-run"));
			problem.setTitle("Unknown run");
			problem.setProperty("runId", report.runId());
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
		}
		return ResponseEntity.ok(new ReportAcknowledgement(report.runId(), outcome == ReportOutcome.APPLIED));
	}

	/** Unknown runs are answered inside the 200, so a 404 here only ever means "no batch endpoint". */
	@PostMapping(MasterPaths.RUN_REPORT_BATCHES)
	RunReportBatchAck reportBatch(@RequestBody RunReportBatch batch) {
		return new RunReportBatchAck(this.reports.applyAll(batch.reports())
			.stream()
			.map((result) -> new RunReportBatchAck.Entry(result.report().runId(), disposition(result.outcome())))
			.toList());
	}

	private static ReportDisposition disposition(ReportOutcome outcome) {
		return switch (outcome) {
			case APPLIED -> ReportDisposition.APPLIED;
			case ALREADY_APPLIED -> ReportDisposition.ALREADY_APPLIED;
			case UNKNOWN_RUN -> ReportDisposition.UNKNOWN_RUN;
		};
	}

	/** The answer a worker gets: the run, and whether this report changed it (false for a repeat). */
	record ReportAcknowledgement(long runId, boolean applied) {
	}

}
