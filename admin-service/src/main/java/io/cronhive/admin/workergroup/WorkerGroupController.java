package io.cronhive.admin.workergroup;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;
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

/** {@code /v1/worker-groups}: the seed's worker group endpoints. */
@RestController
@RequestMapping("/v1/worker-groups")
class WorkerGroupController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "createdAt", "createdAt");

	private final WorkerGroupService groups;

	WorkerGroupController(WorkerGroupService groups) {
		this.groups = groups;
	}

	@PostMapping
	ResponseEntity<WorkerGroupView> create(@Valid @RequestBody WorkerGroupRequest request) {
		WorkerGroupView group = this.groups.create(request);
		return ResponseEntity.created(URI.create("/v1/worker-groups/" + group.id()))
			.eTag("\"" + group.version() + "\"")
			.body(group);
	}

	@GetMapping
	PageView<WorkerGroupView> list(@RequestParam(required = false) String name,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.groups.list(name, Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.asc("name"), Sort.Order.asc("id"))));
	}

	@GetMapping("/{id}")
	ResponseEntity<WorkerGroupView> get(@PathVariable long id) {
		WorkerGroupView group = this.groups.get(id);
		return ResponseEntity.ok().eTag("\"" + group.version() + "\"").body(group);
	}

	@PutMapping("/{id}")
	ResponseEntity<WorkerGroupView> update(@PathVariable long id, @Valid @RequestBody WorkerGroupRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		WorkerGroupView group = this.groups.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag("\"" + group.version() + "\"").body(group);
	}

	/** 409 listing the jobs while any job runs on the group; see {@link WorkerGroupService#delete(long)}. */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.groups.delete(id);
		return ResponseEntity.noContent().build();
	}

}
