package io.cronhive.admin.cluster;

import java.util.Comparator;
import java.util.List;

import io.cronhive.admin.web.PageView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/masters}: the scheduler cluster, leader first. Not paged: a cluster has a handful of members,
 * but answered in the list envelope like every other list.
 */
@RestController
class MasterController {

	private final MasterQueries masters;

	MasterController(MasterQueries masters) {
		this.masters = masters;
	}

	@GetMapping("/v1/masters")
	PageView<MasterView> list() {
		List<MasterView> all = this.masters.all()
			.stream()
			.sorted(Comparator.comparingInt(MasterView::status).thenComparingLong(MasterView::id))
			.toList();
		return new PageView<>(all, 0, all.size(), all.size());
	}

}
