package io.cronhive.admin.cluster;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/masters}: the scheduler cluster, leader first, with each master's share of the partitions. Not
 * paged: a cluster has a handful of members, but answered in the list envelope like every other list.
 */
@RestController
class MasterController {

	private final MasterQueries masters;

	MasterController(MasterQueries masters) {
		this.masters = masters;
	}

	@GetMapping("/v1/masters")
	ClusterView list() {
		return this.masters.cluster();
	}

}
