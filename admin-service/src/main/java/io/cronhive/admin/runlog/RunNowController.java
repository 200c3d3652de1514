package io.cronhive.admin.runlog;

import java.net.URI;
import java.security.Principal;

import io.cronhive.admin.job.JobService;
import io.cronhive.admin.job.JobView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/jobs/{id}/runs}: run a job now, whether or not it is scheduled. Answers 202 with the run,
 * in state {@code requested} until the leader claims and dispatches it.
 */
@RestController
class RunNowController {

	private final JobService jobs;

	private final RunLogService runs;

	RunNowController(JobService jobs, RunLogService runs) {
		this.jobs = jobs;
		this.runs = runs;
	}

	@PostMapping("/v1/jobs/{id}/runs")
	ResponseEntity<RunLogView> runNow(@PathVariable long id, Principal principal) {
		JobView job = this.jobs.get(id);
		RunLogView run = this.runs.runNow(job, (principal != null) ? principal.getName() : null);
		return ResponseEntity.accepted().location(URI.create("/v1/scheduler-logs/" + run.id())).body(run);
	}

}
