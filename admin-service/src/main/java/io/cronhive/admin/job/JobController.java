package io.cronhive.admin.job;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;
import io.cronhive.common.job.JobType;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/jobs}: the seed's job endpoints. Validates the shape of requests and delegates the rest. */
@RestController
@RequestMapping("/v1/jobs")
class JobController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "createTime", "createTime",
			"updateTime", "updateTime", "status", "status", "type", "type", "startTime", "startTime");

	private final JobService jobs;

	JobController(JobService jobs) {
		this.jobs = jobs;
	}

	@PostMapping
	ResponseEntity<JobView> create(@Valid @RequestBody JobRequest request, Principal principal) {
		// The creator is whoever is authenticated; a username in the body is ignored.
		JobView job = this.jobs.create(request, (principal != null) ? principal.getName() : null);
		return ResponseEntity.created(URI.create("/v1/jobs/" + job.id())).eTag(ETags.of(job.version())).body(job);
	}

	@GetMapping
	PageView<JobView> list(@RequestParam(required = false) String name, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long groupId, @RequestParam(required = false) String type,
			@RequestParam(required = false) Integer status, @RequestParam(required = false) Boolean scheduled,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.jobs.list(new JobFilter(name, tag, groupId, wireType(type), status, scheduled),
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.desc("id"))));
	}

	private static String wireType(String type) {
		try {
			return (type == null || type.isBlank()) ? null : JobType.fromWire(type).wireName();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("type", ex.getMessage());
		}
	}

	@GetMapping("/{id}")
	ResponseEntity<JobView> get(@PathVariable long id) {
		JobView job = this.jobs.get(id);
		return ResponseEntity.ok().eTag(ETags.of(job.version())).body(job);
	}

	@PutMapping("/{id}")
	ResponseEntity<JobView> update(@PathVariable long id, @Valid @RequestBody JobRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		JobView job = this.jobs.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag(ETags.of(job.version())).body(job);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.jobs.delete(id);
		return ResponseEntity.noContent().build();
	}

}
