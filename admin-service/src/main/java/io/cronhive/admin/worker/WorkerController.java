package io.cronhive.admin.worker;

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

/** {@code /v1/workers}: the seed's worker endpoints. */
@RestController
@RequestMapping("/v1/workers")
class WorkerController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "srvName", "srvName", "tag",
			"tag", "online", "online", "lastHeartbeat", "lastHeartbeat");

	private final WorkerService workers;

	WorkerController(WorkerService workers) {
		this.workers = workers;
	}

	@PostMapping
	ResponseEntity<WorkerView> create(@Valid @RequestBody WorkerRequest request) {
		WorkerView worker = this.workers.create(request);
		return ResponseEntity.created(URI.create("/v1/workers/" + worker.id()))
			.eTag("\"" + worker.version() + "\"")
			.body(worker);
	}

	@GetMapping
	PageView<WorkerView> list(@RequestParam(required = false) String name, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String srvName, @RequestParam(required = false) Boolean online,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.workers.list(name, tag, srvName, online,
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.asc("srvName"), Sort.Order.asc("name"), Sort.Order.asc("id"))));
	}

	@GetMapping("/{id}")
	ResponseEntity<WorkerView> get(@PathVariable long id) {
		WorkerView worker = this.workers.get(id);
		return ResponseEntity.ok().eTag("\"" + worker.version() + "\"").body(worker);
	}

	@PutMapping("/{id}")
	ResponseEntity<WorkerView> update(@PathVariable long id, @Valid @RequestBody WorkerRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		WorkerView worker = this.workers.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag("\"" + worker.version() + "\"").body(worker);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.workers.delete(id);
		return ResponseEntity.noContent().build();
	}

}
