package io.cronhive.worker.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;

/**
 * How much work this process can carry, in heap bytes, so that it refuses a run (429, back-pressure) before
 * it could run out of memory, never after. A worker once took 16,384 HTTP runs into a 256 MB heap, ran out of
 * memory, lost its report delivery thread and stayed wedged while its health said UP.
 * <p>
 * The budget is half of what the heap holds beyond the agent's own live set: the other half is room for the
 * young generation's churn, so a full budget does not mean back-to-back full collections. Each run reserves
 * its measured cost plus the size of its own request, and gives it back when its report is durable.
 * A second guard watches the old generation after each collection: whatever the estimate missed, a heap that
 * stays over {@value #PRESSURE_PERCENT} % full after a collection refuses runs until a collection frees it.
 */
final class AdmissionBudget {

	/**
	 * What the agent holds with no run in flight: measured 31 MB live after a full collection (AdmissionBench,
	 * 2026-12-06), plus the spool's in-memory copies of undelivered reports (up to 8 MB) and a day of known run
	 * ids at 2,000 runs a second (about 22 MB of bits).
	 */
	static final long IDLE_LIVE_BYTES = 64L << 20;

	/**
	 * One HTTP run in flight, worst case (its call stuck at a slow target, with its lane, connection wait,
	 * timeout and prepared request): measured 10.5 KB per run with 8,000 runs in flight (AdmissionBench against
	 * a target answering after 40 s), rounded up.
	 */
	static final long BYTES_PER_RUN = 12L << 10;

	/** Old generation fill, after a collection, above which new runs are refused. */
	static final int PRESSURE_PERCENT = 85;

	private final long capacity;

	private final long processOutputBytes;

	private final AtomicLong reserved = new AtomicLong();

	private final MemoryPoolMXBean oldGeneration;

	/**
	 * @param maxHeapBytes the heap this process may grow to
	 * @param processOutputBytes what a process run's captured output may grow to (the output cap): it is held
	 * until the report is written
	 */
	AdmissionBudget(long maxHeapBytes, long processOutputBytes) {
		this(maxHeapBytes, processOutputBytes, oldGeneration());
	}

	AdmissionBudget(long maxHeapBytes, long processOutputBytes, MemoryPoolMXBean oldGeneration) {
		this.capacity = Math.max(0, (maxHeapBytes - IDLE_LIVE_BYTES) / 2);
		this.processOutputBytes = processOutputBytes;
		this.oldGeneration = oldGeneration;
	}

	/** The budget in bytes. */
	long capacity() {
		return this.capacity;
	}

	long reserved() {
		return this.reserved.get();
	}

	/** How many plain HTTP runs the budget carries at once: the agent's run limit as an operator reads it. */
	int runsItCarries() {
		return (int) Math.min(Integer.MAX_VALUE, this.capacity / BYTES_PER_RUN);
	}

	/** What one run holds while it is in flight here. */
	long costOf(RunRequest request) {
		long text = length(request.target()) + length(request.jobName()) + length(request.jobId());
		Map<String, String> parameters = request.parameters();
		if (parameters != null) {
			for (Map.Entry<String, String> parameter : parameters.entrySet()) {
				text += length(parameter.getKey()) + length(parameter.getValue());
			}
		}
		// A string's characters, once as received and once in what is prepared from them (request, report).
		long cost = BYTES_PER_RUN + 4 * text;
		return (request.type() == JobType.HTTP) ? cost : cost + this.processOutputBytes;
	}

	/** Takes {@code bytes} from the budget; false when they do not fit, and then nothing is taken. */
	boolean tryReserve(long bytes) {
		long now;
		do {
			now = this.reserved.get();
			if (now + bytes > this.capacity) {
				return false;
			}
		}
		while (!this.reserved.compareAndSet(now, now + bytes));
		return true;
	}

	void release(long bytes) {
		this.reserved.addAndGet(-bytes);
	}

	/** Whether the heap stayed too full after the last collection to take more work now. */
	boolean underPressure() {
		if (this.oldGeneration == null) {
			return false;
		}
		MemoryUsage afterCollection = this.oldGeneration.getCollectionUsage();
		long max = this.oldGeneration.getUsage().getMax();
		return afterCollection != null && max > 0 && afterCollection.getUsed() * 100 > max * PRESSURE_PERCENT;
	}

	private static long length(String text) {
		return (text != null) ? text.length() : 0;
	}

	/** The pool long-lived objects end up in, whatever the collector calls it. */
	private static MemoryPoolMXBean oldGeneration() {
		List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
		for (MemoryPoolMXBean pool : pools) {
			String name = pool.getName();
			if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
					&& (name.contains("Old") || name.contains("Tenured"))) {
				return pool;
			}
		}
		return null;
	}

}
