package io.cronhive.admin.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the partitions are shared out at one moment: what each master holds, what the leader assigned it, and
 * what nobody holds. Built from {@code scheduler_partitions} grouped by live holder and assignee, so the
 * database sends a row per (holder, assignee) pair rather than one per partition.
 *
 * @param byMember the share of each instance id that holds or is assigned a partition
 * @param count partitions in the table (128, {@code Partitions.COUNT})
 * @param held partitions under a live lease
 * @param unheld partitions without a live lease: their jobs are not fired until a master takes them
 * @param handingOff held partitions the leader has assigned to another master (held until handed over)
 * @param scheduledJobs jobs with scheduling on, in any partition
 * @param unheldScheduledJobs of those, the jobs in unheld partitions
 */
record PartitionShares(Map<String, Share> byMember, int count, int held, int unheld, int handingOff,
		long scheduledJobs, long unheldScheduledJobs) {

	static final Share NONE = new Share(0, 0, 0);

	/**
	 * One row of the grouped query.
	 *
	 * @param holder the holder whose lease is live, {@code null} when none is
	 * @param assignedTo who the leader wants to hold these partitions, {@code null} before it has said
	 * @param partitions partitions in this group
	 * @param jobs jobs with scheduling on in those partitions
	 */
	record Group(String holder, String assignedTo, int partitions, long jobs) {

	}

	/**
	 * One master's part.
	 *
	 * @param partitions partitions it holds under a live lease
	 * @param assignedPartitions partitions the leader assigned to it, held yet or not
	 * @param scheduledJobs jobs with scheduling on in the partitions it holds: the jobs it fires
	 */
	record Share(int partitions, int assignedPartitions, long scheduledJobs) {

		Share plus(Share other) {
			return new Share(this.partitions + other.partitions, this.assignedPartitions + other.assignedPartitions,
					this.scheduledJobs + other.scheduledJobs);
		}

	}

	static PartitionShares of(List<Group> groups) {
		Map<String, Share> byMember = new HashMap<>();
		int count = 0;
		int held = 0;
		int handingOff = 0;
		long jobs = 0;
		long unheldJobs = 0;
		for (Group group : groups) {
			count += group.partitions();
			jobs += group.jobs();
			if (group.holder() != null) {
				held += group.partitions();
				byMember.merge(group.holder(), new Share(group.partitions(), 0, group.jobs()), Share::plus);
				if (group.assignedTo() != null && !group.holder().equals(group.assignedTo())) {
					handingOff += group.partitions();
				}
			}
			else {
				unheldJobs += group.jobs();
			}
			if (group.assignedTo() != null) {
				byMember.merge(group.assignedTo(), new Share(0, group.partitions(), 0), Share::plus);
			}
		}
		return new PartitionShares(Map.copyOf(byMember), count, held, count - held, handingOff, jobs, unheldJobs);
	}

	Share of(String instanceId) {
		return this.byMember.getOrDefault(Objects.requireNonNullElse(instanceId, ""), NONE);
	}

	/** The fraction of all partitions a master fires, 0..1; in 128ths, which a double holds exactly. */
	double fractionOf(int partitions) {
		return (this.count == 0) ? 0 : (double) partitions / this.count;
	}

}
