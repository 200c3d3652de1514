package io.cronhive.admin.workergroup;

import java.util.List;
import java.util.Set;

import io.cronhive.admin.worker.WorkerSummary;

/**
 * A worker group as the API shows it: the seed's {@code id, name, workers [{id, name}], status} with a readable
 * status name, how members were chosen ({@code workerIds}, {@code tags}), and why it is abnormal if it is.
 *
 * @param workers every current member, chosen by id or by tag
 * @param statusReason why the group is abnormal, or null
 */
record WorkerGroupView(long id, String name, int status, String statusName, String statusReason,
		List<WorkerSummary> workers, Set<Long> workerIds, Set<String> tags, long createdAt, long updatedAt,
		long version) {

}
