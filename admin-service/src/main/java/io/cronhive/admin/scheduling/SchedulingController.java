package io.cronhive.admin.scheduling;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.Instants;
import io.cronhive.admin.web.InvalidRequestException;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/schedulers}: start scheduling a batch of jobs (now, after {@code delaySeconds}, or at
 * {@code startAt}) and stop it. Answers each job's resulting schedule state under {@code jobs}.
 */
@RestController
@RequestMapping("/v1/schedulers")
class SchedulingController {

	private final SchedulingService scheduling;

	private final Clock clock;

	SchedulingController(SchedulingService scheduling, Clock clock) {
		this.scheduling = scheduling;
		this.clock = clock;
	}

	@PostMapping
	Map<String, List<ScheduleState>> start(@Valid @RequestBody ScheduleRequest request) {
		if (request.delaySeconds() != null && request.startAt() != null) {
			String message = "give either delaySeconds or startAt, not both";
			throw new InvalidRequestException(
					List.of(new FieldProblem("delaySeconds", message), new FieldProblem("startAt", message)));
		}
		JobRefs refs = JobRefs.parse(JobRefs.texts(request.jobIds()));
		Long notBefore = null;
		if (request.delaySeconds() != null && request.delaySeconds() > 0) {
			notBefore = this.clock.millis() + request.delaySeconds() * 1000;
		}
		else if (request.startAt() != null) {
			notBefore = Instants.inRange("startAt", request.startAt()).toEpochMilli();
		}
		Long startAt = notBefore;
		return Map.of("jobs", LockRetry.run(() -> this.scheduling.start(refs, startAt)));
	}

	/** Stops the jobs named in the body or, for clients that cannot send a DELETE body, in {@code ?jobIds=}. */
	@DeleteMapping
	Map<String, List<ScheduleState>> stop(@RequestBody(required = false) ScheduleRequest body,
			@RequestParam(required = false) List<String> jobIds) {
		List<String> entries;
		if (jobIds != null && !jobIds.isEmpty()) {
			entries = jobIds;
		}
		else if (body != null && body.jobIds() != null) {
			entries = JobRefs.texts(body.jobIds());
		}
		else {
			throw new InvalidRequestException("jobIds", "name the jobs to stop in the body or as ?jobIds=1,2,3");
		}
		JobRefs refs = JobRefs.parse(entries);
		return Map.of("jobs", LockRetry.run(() -> this.scheduling.stop(refs)));
	}

}
