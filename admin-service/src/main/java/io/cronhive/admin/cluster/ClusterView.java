package io.cronhive.admin.cluster;

import java.util.Comparator;
import java.util.List;

/**
 * The answer of {@code GET /v1/masters}: the list envelope every list has ({@code items}, {@code page},
 * {@code size}, {@code total}), so existing readers keep working, plus how the partitions are shared out across
 * the whole cluster.
 *
 * @param items the masters, leader first
 * @param partitionCount partitions jobs are spread over (job id mod 128)
 * @param heldPartitions partitions a master holds under a live lease
 * @param unheldPartitions partitions nobody holds: their jobs do not fire until a master takes them
 * @param handingOffPartitions held partitions the leader has assigned to another master
 * @param scheduledJobs jobs with scheduling on
 * @param unheldScheduledJobs of those, the ones in unheld partitions, which are not firing now
 */
record ClusterView(List<MasterView> items, int page, int size, long total, int partitionCount, int heldPartitions,
		int unheldPartitions, int handingOffPartitions, long scheduledJobs, long unheldScheduledJobs) {

	static ClusterView of(List<MasterView> members, PartitionShares shares) {
		List<MasterView> masters = members.stream()
			.sorted(Comparator.comparingInt(MasterView::status).thenComparingLong(MasterView::id))
			.toList();
		return new ClusterView(masters, 0, masters.size(), masters.size(), shares.count(), shares.held(),
				shares.unheld(), shares.handingOff(), shares.scheduledJobs(), shares.unheldScheduledJobs());
	}

}
