package io.cronhive.admin.workergroup;

import java.util.List;
import java.util.stream.Collectors;

import io.cronhive.admin.worker.WorkerSummary;

/**
 * A group's status from its members: normal (1) when every member is online, abnormal (2) when one is offline,
 * and abnormal too when it has no member at all, because a job bound to it can run nowhere.
 */
record GroupHealth(int status, String statusName, String reason) {

	static GroupHealth of(List<WorkerSummary> members) {
		if (members.isEmpty()) {
			return new GroupHealth(WorkerGroup.ABNORMAL, "abnormal", "the group has no workers");
		}
		List<String> offline = members.stream().filter((m) -> !m.online()).map(WorkerSummary::name).toList();
		if (!offline.isEmpty()) {
			return new GroupHealth(WorkerGroup.ABNORMAL, "abnormal",
					"offline: " + offline.stream().collect(Collectors.joining(", ")));
		}
		return new GroupHealth(WorkerGroup.NORMAL, "normal", null);
	}

}
