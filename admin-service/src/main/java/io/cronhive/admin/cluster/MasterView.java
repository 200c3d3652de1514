package io.cronhive.admin.cluster;

/**
 * A scheduler cluster member as the seed shows it ({@code id}, {@code ip}, {@code status} 1 leader / 2 follower)
 * plus what an operator needs to judge it. Times are Unix ms on admin-service's clock, derived from ages the
 * database measured, so a skewed host clock cannot make a live master look dead.
 *
 * @param epoch the fencing epoch of the lease when this master leads, else the last epoch it reported
 * @param online whether its last heartbeat is recent enough
 * @param partitions partitions it holds under a live lease: the ones it fires
 * @param assignedPartitions partitions the leader assigned to it; differs from {@code partitions} while a handoff
 * is under way or it has not taken them yet
 * @param scheduledJobs jobs with scheduling on in the partitions it holds
 * @param share its fraction of all partitions, 0..1 ({@code partitions / 128}); the shares of all masters and the
 * cluster's unheld partitions add up to 1
 */
record MasterView(long id, String instanceId, String ip, int port, int status, String statusName, long startedAt,
		long lastHeartbeat, long heartbeatAgeMs, long epoch, boolean online, int partitions, int assignedPartitions,
		long scheduledJobs, double share) {

	static final int LEADER = 1;

	static final int FOLLOWER = 2;

}
