package io.cronhive.common.dispatch;

import java.util.Map;

import io.cronhive.common.job.JobType;

/**
 * A run handed from a master to a worker. The worker executes each {@code runId} of a cluster at most once;
 * {@code epoch} is the fencing epoch of the run's partition at the dispatching master, so a worker can refuse a
 * master that was deposed from that partition.
 *
 * @param clusterId the cluster's identity (made with its database): run ids and epochs are only comparable
 * within one cluster, and a database created afresh starts both from 1 again
 * @param runId run log id, unique across the cluster
 * @param epoch the epoch the slot was claimed under: its partition's, or, from a master of before partitions,
 * the leader's
 * @param jobId the job's UUID
 * @param jobName the job's name, for logs
 * @param type what to run
 * @param target command line, script body, source code, or HTTP request (bare URL or JSON object)
 * @param parameters job parameters, exported to the process environment
 * @param timeoutMs kill the run after this many milliseconds; 0 means no timeout
 * @param scheduledAtMs the slot's fire instant (Unix ms). A run may be handed over shortly before it; the
 * worker then holds it and starts it at this instant (at once when the instant is past).
 * @param attempt 1 for the first try, then retries
 * @param parent the run that triggered this one (a job dependency), or null. Added after the first release: a
 * worker that does not know it ignores it, and a master that does not send it leaves it null.
 * @param partition the job's partition ({@link Partitions}), whose epoch {@code epoch} is: a worker refuses an
 * epoch lower than the highest it has seen for that partition, while other partitions' epochs, unrelated, do not
 * count. Null from a master of before partitions, whose epoch was the one leader's: fenced against the highest
 * epoch seen from such masters
 */
public record RunRequest(String clusterId, long runId, long epoch, String jobId, String jobName, JobType type,
		String target, Map<String, String> parameters, long timeoutMs, long scheduledAtMs, int attempt,
		RunParent parent, Integer partition) {

	public RunRequest {
		parameters = (parameters != null) ? Map.copyOf(parameters) : Map.of();
	}

	/** A run no other run triggered, of no partition (as a master of before partitions sent it). */
	public RunRequest(String clusterId, long runId, long epoch, String jobId, String jobName, JobType type,
			String target, Map<String, String> parameters, long timeoutMs, long scheduledAtMs, int attempt) {
		this(clusterId, runId, epoch, jobId, jobName, type, target, parameters, timeoutMs, scheduledAtMs, attempt,
				null, null);
	}

	/** This run handed over with the run that triggered it. */
	public RunRequest withParent(RunParent parent) {
		return new RunRequest(this.clusterId, this.runId, this.epoch, this.jobId, this.jobName, this.type,
				this.target, this.parameters, this.timeoutMs, this.scheduledAtMs, this.attempt, parent,
				this.partition);
	}

	/** This run handed over as one of the partition whose epoch it carries. */
	public RunRequest inPartition(int partition) {
		return new RunRequest(this.clusterId, this.runId, this.epoch, this.jobId, this.jobName, this.type,
				this.target, this.parameters, this.timeoutMs, this.scheduledAtMs, this.attempt, this.parent,
				partition);
	}

}
