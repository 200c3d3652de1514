package io.cronhive.master.dependency;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One join instant of a child job: it fires when every join parent has a successful run of that instant, no
 * later than the timeout after the instant; a failed parent or the timeout ends it without a run.
 *
 * @param childJobId the joining job
 * @param instantMs the scheduled instant its parents' runs share
 * @param timeoutMs how long after the instant the parents may take
 */
record JoinWindow(long childJobId, long instantMs, long timeoutMs) {

	/** Parents of a join that has none configured any more wait this long; the same default the API applies. */
	static final long DEFAULT_TIMEOUT_MS = 3_600_000;

	/** The join parents without a successful run of this instant yet, in the given order. */
	static List<Long> missing(Collection<Long> joinParents, Set<Long> arrived) {
		return joinParents.stream().filter((parent) -> !arrived.contains(parent)).toList();
	}

	/** Whether the parents' time is up at {@code nowMs}. */
	boolean expiredAt(long nowMs) {
		return nowMs > this.instantMs + this.timeoutMs;
	}

	/** The unique key of the join's one run (fired or failed) in {@code run_logs.slot_key}. */
	String slotKey() {
		return "join:" + this.childJobId + ":" + this.instantMs;
	}

}
