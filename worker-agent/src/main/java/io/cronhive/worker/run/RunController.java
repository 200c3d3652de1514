package io.cronhive.worker.run;

import java.io.IOException;
import java.net.URI;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunOutputChunk;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputLogs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worker's side of the master-worker protocol ({@link WorkerPaths}); every request has passed the
 * signature filter before it gets here. Answers are the statuses the master's dispatcher acts on.
 */
@RestController
class RunController {

	private final RunService runs;

	private final OutputLogs logs;

	private final WorkerProperties properties;

	RunController(RunService runs, OutputLogs logs, WorkerProperties properties) {
		this.runs = runs;
		this.logs = logs;
		this.properties = properties;
	}

	@PostMapping(WorkerPaths.RUNS)
	ResponseEntity<?> dispatch(@RequestBody RunRequest request) throws IOException {
		String invalid = invalidField(request);
		if (invalid != null) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-run-request", invalid + " is missing or invalid", invalid);
		}
		return switch (this.runs.accept(request)) {
			case AcceptResult.Accepted accepted -> ResponseEntity.status(HttpStatus.ACCEPTED).body(acceptance(request, true));
			case AcceptResult.AlreadyKnown known -> ResponseEntity.ok(acceptance(request, false));
			case AcceptResult.StaleEpoch stale -> problem(HttpStatus.CONFLICT, "stale-epoch", "epoch " + stale.epoch()
					+ " is lower than " + stale.highestEpoch() + ", the highest this worker has seen", "epoch");
			case AcceptResult.AtCapacity full -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", "1")
				.body(problemBody(HttpStatus.TOO_MANY_REQUESTS, "at-capacity",
						"all " + full.limit() + " run slots of this worker are busy", null));
			case AcceptResult.ShuttingDown down -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(problemBody(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down",
						"this worker is shutting down and accepts no new runs", null));
		};
	}

	@PostMapping(WorkerPaths.KILL)
	ResponseEntity<?> kill(@PathVariable long runId, @RequestBody(required = false) KillRequest request) {
		String reason = (request != null && request.reason() != null && !request.reason().isBlank()) ? request.reason()
				: "kill requested";
		if (!this.runs.kill(runId, reason)) {
			return problem(HttpStatus.NOT_FOUND, "run-not-running", "run " + runId + " is not running on this worker",
					"runId");
		}
		return ResponseEntity.accepted().build();
	}

	@GetMapping(WorkerPaths.OUTPUT)
	ResponseEntity<?> output(@PathVariable long runId, @RequestParam(defaultValue = "0") long offset)
			throws IOException {
		boolean running = this.runs.isActive(runId);
		return this.logs.read(runId, offset)
			.<ResponseEntity<?>>map(slice -> ResponseEntity
				.ok(new RunOutputChunk(runId, slice.offset(), slice.nextOffset(), slice.data(), !running)))
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "output-not-found",
					"this worker has no output for run " + runId, "runId"));
	}

	private RunAcceptance acceptance(RunRequest request, boolean accepted) {
		return new RunAcceptance(request.runId(), accepted, this.properties.name(), this.properties.host());
	}

	private static String invalidField(RunRequest request) {
		if (request.runId() <= 0) {
			return "runId";
		}
		if (request.type() == null) {
			return "type";
		}
		if (request.target() == null) {
			return "target";
		}
		if (request.timeoutMs() < 0) {
			return "timeoutMs";
		}
		return null;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, String field) {
		return ResponseEntity.status(status).body(problemBody(status, type, detail, field));
	}

	private static ProblemDetail problemBody(HttpStatus status, String type, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://cronhive.io/problems/" + type));
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

}
