package io.cronhive.admin.workergroup;

import io.cronhive.admin.web.LogText;
import io.cronhive.admin.worker.WorkerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes every group's stored status from its members' liveness, so readers of the table (lists, other
 * services) see a status at most one interval old. Views compute it live as well.
 */
@Component
class GroupStatusRefresher {

	private static final Logger log = LoggerFactory.getLogger(GroupStatusRefresher.class);

	private final WorkerGroupRepository groups;

	private final WorkerLookup workers;

	GroupStatusRefresher(WorkerGroupRepository groups, WorkerLookup workers) {
		this.groups = groups;
		this.workers = workers;
	}

	@Scheduled(fixedDelayString = "${cronhive.admin.group-status-interval}", initialDelayString = "${cronhive.admin.group-status-interval}")
	@Transactional
	void refresh() {
		for (WorkerGroup group : this.groups.findAll()) {
			GroupHealth health = GroupHealth.of(this.workers.matching(group.getWorkerIds(), group.getTags()));
			if (this.groups.updateStatus(group.getId(), health.status()) > 0) {
				log.info("Worker group {} '{}' is now {}{}", group.getId(), LogText.of(group.getName()),
						health.statusName(), (health.reason() != null) ? " (" + LogText.of(health.reason()) + ")" : "");
			}
		}
	}

}
