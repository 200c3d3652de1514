package io.cronhive.admin.runlog;

import io.cronhive.admin.web.InvalidRequestException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/scheduler-logs/{id}/output?offset=N}: a run's output from a byte offset, live while it runs. */
@RestController
class RunOutputController {

	private final RunOutputTail tail;

	RunOutputController(RunOutputTail tail) {
		this.tail = tail;
	}

	@GetMapping("/v1/scheduler-logs/{id}/output")
	RunOutputSlice output(@PathVariable long id, @RequestParam(defaultValue = "0") long offset) {
		if (offset < 0) {
			throw new InvalidRequestException("offset", "must not be negative");
		}
		return this.tail.read(id, offset);
	}

}
