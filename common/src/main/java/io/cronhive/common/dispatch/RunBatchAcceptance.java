package io.cronhive.common.dispatch;

import java.util.List;

/**
 * A worker's answer to a {@link RunBatch}: one verdict per run, in the batch's order.
 *
 * @param workerName the worker's name
 * @param workerHost the worker's ip
 * @param verdicts one per run sent
 */
public record RunBatchAcceptance(String workerName, String workerHost, List<RunVerdict> verdicts) {

	public RunBatchAcceptance {
		verdicts = (verdicts != null) ? List.copyOf(verdicts) : List.of();
	}

}
