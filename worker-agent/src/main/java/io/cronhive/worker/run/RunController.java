package io.cronhive.worker.run;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.Partitions;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunBatch;
import io.cronhive.common.dispatch.RunBatchAcceptance;
import io.cronhive.common.dispatch.RunOutputChunk;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.RunVerdict;
import io.cronhive.common.dispatch.RunVerdict.Verdict;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputLogs;

import org.springframework.http.HttpHeaders;
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

	/** Largest batch taken in one request; the master splits bigger ones. */
	static final int MAX_BATCH = 1000;

	/**
	 * When a busy agent asks to be tried again: most runs here end within a second of their instant, and the
	 * memory of a finished run is free once its report is written, so a second frees most of what a burst took.
	 */
	static final String RETRY_AFTER_SECONDS = "1";

	/** What admin-service's schema makes (a UUID), loosely: it is written into the run journal as one word. */
	private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

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
		Invalid invalid = invalid(request);
		if (invalid != null) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-run-request", invalid.detail(), invalid.field());
		}
		return switch (this.runs.accept(request)) {
			case AcceptResult.Accepted accepted -> ResponseEntity.status(HttpStatus.ACCEPTED).body(acceptance(request, true));
			case AcceptResult.AlreadyKnown known -> ResponseEntity.ok(acceptance(request, false));
			case AcceptResult.StaleEpoch stale -> problem(HttpStatus.CONFLICT, "stale-epoch", stale.detail(), "epoch");
			case AcceptResult.AtCapacity full -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
				.body(problemBody(HttpStatus.TOO_MANY_REQUESTS, "at-capacity", full.detail(), null));
			case AcceptResult.ShuttingDown down -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(problemBody(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down",
						"this worker is shutting down and accepts no new runs", null));
			case AcceptResult.OtherCluster other -> problem(HttpStatus.MISDIRECTED_REQUEST, "other-cluster",
					otherClusterDetail(other), "clusterId");
		};
	}

	/**
	 * Many runs in one request (the leader's batch for one instant): each gets its own verdict, so one bad or
	 * refused run does not refuse the others; the batch itself is only refused when it is empty or too big.
	 */
	@PostMapping(WorkerPaths.RUN_BATCHES)
	ResponseEntity<?> dispatchBatch(@RequestBody RunBatch batch) throws IOException {
		if (batch.runs().isEmpty() || batch.runs().size() > MAX_BATCH) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-run-batch",
					"a batch holds 1 to " + MAX_BATCH + " runs, not " + batch.runs().size(), "runs");
		}
		List<RunVerdict> verdicts = new ArrayList<>(batch.runs().size());
		List<RunRequest> valid = new ArrayList<>(batch.runs().size());
		for (RunRequest request : batch.runs()) {
			Invalid invalid = invalid(request);
			if (invalid != null) {
				verdicts.add(new RunVerdict(request.runId(), Verdict.INVALID, invalid.detail()));
			}
			else {
				verdicts.add(null);
				valid.add(request);
			}
		}
		Iterator<AcceptResult> results = this.runs.acceptAll(valid).iterator();
		for (int i = 0; i < verdicts.size(); i++) {
			if (verdicts.get(i) == null) {
				verdicts.set(i, verdict(batch.runs().get(i), results.next()));
			}
		}
		return ResponseEntity.ok(new RunBatchAcceptance(this.properties.name(), this.properties.host(), verdicts));
	}

	private static RunVerdict verdict(RunRequest request, AcceptResult result) {
		return switch (result) {
			case AcceptResult.Accepted accepted -> new RunVerdict(request.runId(), Verdict.ACCEPTED, null);
			case AcceptResult.AlreadyKnown known -> new RunVerdict(request.runId(), Verdict.ALREADY_KNOWN,
					"already accepted; not run again");
			case AcceptResult.StaleEpoch stale -> new RunVerdict(request.runId(), Verdict.STALE_EPOCH, stale.detail());
			case AcceptResult.AtCapacity full -> new RunVerdict(request.runId(), Verdict.AT_CAPACITY, full.detail());
			case AcceptResult.ShuttingDown down -> new RunVerdict(request.runId(), Verdict.SHUTTING_DOWN,
					"this worker is shutting down and accepts no new runs");
			case AcceptResult.OtherCluster other -> new RunVerdict(request.runId(), Verdict.OTHER_CLUSTER,
					otherClusterDetail(other));
		};
	}

	private static String otherClusterDetail(AcceptResult.OtherCluster other) {
		return "this worker still runs " + other.runsInFlight() + " run(s) of cluster " + other.servedCluster()
				+ " and takes runs of another cluster once they are done";
	}

	@PostMapping(WorkerPaths.KILL)
	ResponseEntity<?> kill(@PathVariable long runId, @RequestBody KillRequest request) {
		if (!isClusterId(request.clusterId())) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-kill-request", "clusterId is missing or invalid",
					"clusterId");
		}
		String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason() : "kill requested";
		if (!this.runs.kill(request.clusterId(), runId, reason)) {
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

	private static boolean isClusterId(String clusterId) {
		return clusterId != null && CLUSTER_ID.matcher(clusterId).matches();
	}

	private static Invalid invalid(RunRequest request) {
		if (!isClusterId(request.clusterId())) {
			return Invalid.missingOrInvalid("clusterId");
		}
		if (request.runId() <= 0) {
			return Invalid.missingOrInvalid("runId");
		}
		if (request.type() == null) {
			return Invalid.missingOrInvalid("type");
		}
		if (request.target() == null) {
			return Invalid.missingOrInvalid("target");
		}
		if (request.timeoutMs() < 0) {
			return Invalid.missingOrInvalid("timeoutMs");
		}
		// The agent keeps one epoch per partition, so it takes no partition it has no room for.
		if (!HighestEpochs.isPartition(request.partition())) {
			return new Invalid("partition", "partition " + request.partition() + " is not one of the "
					+ Partitions.COUNT + " partitions (0 to " + (Partitions.COUNT - 1) + ")");
		}
		return null;
	}

	/** The first field of a request that cannot be taken, and what is wrong with it. */
	private record Invalid(String field, String detail) {

		static Invalid missingOrInvalid(String field) {
			return new Invalid(field, field + " is missing or invalid");
		}

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
