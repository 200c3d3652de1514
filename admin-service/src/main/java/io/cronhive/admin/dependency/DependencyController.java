package io.cronhive.admin.dependency;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/jobs/{id}/dependencies}: a job's upstream and downstream. They are written with the job itself
 * ({@code children}, {@code joinParents}, {@code joinTimeoutMs} on {@code POST}/{@code PUT /v1/jobs}), so a job
 * and its dependencies change together, under one version and one audit entry.
 */
@RestController
class DependencyController {

	private final DependencyService dependencies;

	DependencyController(DependencyService dependencies) {
		this.dependencies = dependencies;
	}

	@GetMapping("/v1/jobs/{id}/dependencies")
	DependenciesView get(@PathVariable long id) {
		return this.dependencies.view(id);
	}

}
