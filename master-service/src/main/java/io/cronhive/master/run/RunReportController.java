package io.cronhive.master.run;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where workers report finished runs. Every replica serves it (followers too), so a worker only needs any
 * master in the registry; the signature was checked by the filter before the body got here.
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
			problem.setType(java.net.URI.create("https://cronhive.io/problems/unknown-run"));
			problem.setTitle("Unknown run");
			problem.setProperty("runId", report.runId());
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
		}
		return ResponseEntity.ok(new ReportAcknowledgement(report.runId(), outcome == ReportOutcome.APPLIED));
	}

	/** The answer a worker gets: the run, and whether this report changed it (false for a repeat). */
	record ReportAcknowledgement(long runId, boolean applied) {
	}

}
