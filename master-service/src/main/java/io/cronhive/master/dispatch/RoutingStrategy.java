package io.cronhive.master.dispatch;

import java.util.ArrayList;
import java.util.List;

import io.cronhive.master.run.JobSpec;

/**
 * Orders a job's candidates: the first is tried first, the rest are the failover order when it refuses or
 * cannot be reached. One implementation per routing column value.
 */
interface RoutingStrategy {

	/** The stored name, e.g. {@code round_robin}. */
	String name();

	/** Candidates in the order to try them; never empty when {@code candidates} is not. */
	List<WorkerInstance> order(JobSpec job, List<WorkerInstance> candidates);

	/** Whether every candidate gets its own run (broadcast) rather than the first that accepts. */
	default boolean everyCandidate() {
		return false;
	}

	/** Rotates {@code list} so that index {@code first} comes first, keeping the cyclic order. */
	static List<WorkerInstance> rotate(List<WorkerInstance> list, int first) {
		int n = list.size();
		int start = Math.floorMod(first, n);
		List<WorkerInstance> rotated = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			rotated.add(list.get((start + i) % n));
		}
		return rotated;
	}

}
