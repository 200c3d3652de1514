package io.cronhive.admin.runlog;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cronhive.admin.web.Instants;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/scheduler-logs}: the run history (newest first), one run with its output, and kill requests.
 */
@RestController
@RequestMapping("/v1/scheduler-logs")
class RunLogController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "createTime", "createTime", "scheduledAt",
			"scheduledAt", "times", "times", "jobName", "jobName", "status", "status");

	private final RunLogService runs;

	private final RunTrees trees;

	RunLogController(RunLogService runs, RunTrees trees) {
		this.runs = runs;
		this.trees = trees;
	}

	/**
	 * @param jobId a job's numeric id or its jobId UUID
	 * @param from createTime lower bound (inclusive), an ISO-8601 instant or Unix ms
	 * @param to createTime upper bound (exclusive), an ISO-8601 instant or Unix ms
	 */
	@GetMapping
	PageView<RunLogView> list(@RequestParam(required = false) String jobId,
			@RequestParam(required = false) String jobName, @RequestParam(required = false) Integer status,
			@RequestParam(required = false) Integer result, @RequestParam(required = false) String workerName,
			@RequestParam(required = false) String triggerKind, @RequestParam(required = false) String state,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		Long numericJobId = null;
		String jobUuid = null;
		if (jobId != null && !jobId.isBlank()) {
			if (jobId.trim().matches("\\d{1,18}")) {
				numericJobId = Long.parseLong(jobId.trim());
			}
			else {
				jobUuid = uuid(jobId);
			}
		}
		RunLogFilter filter = new RunLogFilter(numericJobId, jobUuid, jobName, status, result, workerName, triggerKind,
				state, instant("from", from), instant("to", to));
		return this.runs.list(filter, Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.desc("id"))));
	}

	@GetMapping("/{id}")
	RunLogDetail get(@PathVariable long id) {
		return this.runs.get(id);
	}

	/** The run among its parent and the runs it caused (job dependencies, retries, broadcast copies). */
	@GetMapping("/{id}/tree")
	RunTreeView tree(@PathVariable long id) {
		return this.trees.tree(id);
	}

	/** Asks the leader to kill a run; 202 because the worker stops it asynchronously. */
	@PostMapping("/{id}/kill")
	ResponseEntity<RunLogView> kill(@PathVariable long id, Principal principal) {
		return ResponseEntity.accepted().body(this.runs.kill(id, (principal != null) ? principal.getName() : null));
	}

	private static String uuid(String value) {
		try {
			return UUID.fromString(value.trim()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("jobId", "'" + value + "' is neither a job id nor a jobId UUID");
		}
	}

	static Long instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.matches("\\d{1,15}")) {
			return Long.parseLong(trimmed);
		}
		try {
			return Instants.inRange(field, Instant.parse(trimmed)).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException(field,
					"'" + value + "' is not an ISO-8601 instant (2026-01-01T00:00:00Z) or Unix milliseconds");
		}
	}

}
