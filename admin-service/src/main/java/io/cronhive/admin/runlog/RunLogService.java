package io.cronhive.admin.runlog;

import java.time.Clock;
import java.util.List;

import io.cronhive.admin.job.JobView;
import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the run history and records the two things an operator asks of runs: run a job now (a requested run
 * the leader picks up) and kill a run (a flag the leader forwards to the worker).
 */
@Service
class RunLogService {

	private static final Logger log = LoggerFactory.getLogger(RunLogService.class);

	private final RunLogRepository runs;

	private final RunOutputRepository outputs;

	private final Clock clock;

	RunLogService(RunLogRepository runs, RunOutputRepository outputs, Clock clock) {
		this.runs = runs;
		this.outputs = outputs;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	PageView<RunLogView> list(RunLogFilter filter, Pageable pageable) {
		return PageView.of(this.runs.findAll(filter.toSpecification(), pageable), RunLogView::of);
	}

	@Transactional(readOnly = true)
	RunLogDetail get(long id) {
		RunLog run = this.runs.findById(id).orElseThrow(() -> new NotFoundException("run", id));
		RunOutput output = this.outputs.findById(id).orElse(null);
		return new RunLogDetail(RunLogView.of(run), run.getWorkerInstance(),
				(output != null) ? output.getOutput() : null, run.isOutputTruncated());
	}

	@Transactional
	RunLogView runNow(JobView job, String username) {
		RunLog run = this.runs.save(RunLog.requested(job.id(), job.jobId(), job.name(), job.groupName(), job.cron(),
				job.type(), username, this.clock.millis()));
		log.info("Requested manual run {} of job {} for {}", run.getId(), job.id(), username);
		return RunLogView.of(run);
	}

	/**
	 * A run not yet claimed by the leader is cancelled on the spot; a claimed or running one gets a kill
	 * request that the leader forwards to its worker.
	 */
	@Transactional
	RunLogView kill(long id, String username) {
		RunLog run = this.runs.findById(id).orElseThrow(() -> new NotFoundException("run", id));
		long now = this.clock.millis();
		if (this.runs.cancelRequested(id, now, "cancelled by " + username + " before it was dispatched") == 1) {
			log.info("Cancelled requested run {} of job {} for {}", id, run.getJobId(), username);
			return RunLogView.of(this.runs.findById(id).orElseThrow());
		}
		if (this.runs.requestKill(id, now) == 0) {
			String detail = "run " + id + " already finished; there is nothing to kill";
			throw new ConflictException("run-finished", "Run finished", detail, List.of());
		}
		log.info("Kill requested for run {} of job {} (state {})", id, run.getJobId(), run.getState());
		return RunLogView.of(this.runs.findById(id).orElseThrow());
	}

}
