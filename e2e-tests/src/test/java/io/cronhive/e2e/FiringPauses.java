package io.cronhive.e2e;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long every-second jobs went without a run sent around a crash or a handoff, read from their run_logs rows
 * ({@link SlotLedger#read}). Only slot runs (cron, catch-up) count: they are what a master fires by itself.
 */
final class FiringPauses {

	private FiringPauses() {
	}

	/**
	 * The longest time between two consecutive runs sent of any one of these jobs, among its runs sent in
	 * {@code [fromMs, toMs]}. An every-second job sends one a second, so about 1,000 ms is no pause at all.
	 */
	static long longestGap(Map<Long, List<SlotLedger.Run>> runs, Collection<Long> jobIds, long fromMs, long toMs) {
		long longest = 0;
		for (long jobId : jobIds) {
			List<Long> sent = runs.getOrDefault(jobId, List.of())
				.stream()
				.filter((run) -> run.slotRun() && run.dispatchedAt() >= fromMs && run.dispatchedAt() <= toMs)
				.map(SlotLedger.Run::dispatchedAt)
				.sorted()
				.toList();
			for (int i = 1; i < sent.size(); i++) {
				longest = Math.max(longest, sent.get(i) - sent.get(i - 1));
			}
		}
		return longest;
	}

	/**
	 * The slot runs of these jobs due in {@code [fromMs, toMs)} that went out more than {@code limitMs} after
	 * their instant or {@code atMs}, whichever is later: after a crash at {@code atMs}, slots that waited longer
	 * than the takeover may take, late catch-up runs included.
	 */
	static List<SlotLedger.Run> sentLaterThan(Map<Long, List<SlotLedger.Run>> runs, Collection<Long> jobIds,
			long fromMs, long toMs, long atMs, long limitMs) {
		return jobIds.stream()
			.flatMap((jobId) -> runs.getOrDefault(jobId, List.of()).stream())
			.filter((run) -> run.slotRun() && run.dispatched() && run.scheduledAt() >= fromMs && run.scheduledAt() < toMs
					&& run.dispatchedAt() - Math.max(run.scheduledAt(), atMs) > limitMs)
			.toList();
	}

	/** The longest any of these slot runs due in {@code [fromMs, toMs)} waited past its instant or {@code atMs}. */
	static long longestWait(Map<Long, List<SlotLedger.Run>> runs, Collection<Long> jobIds, long fromMs, long toMs,
			long atMs) {
		return jobIds.stream()
			.flatMap((jobId) -> runs.getOrDefault(jobId, List.of()).stream())
			.filter((run) -> run.slotRun() && run.dispatched() && run.scheduledAt() >= fromMs && run.scheduledAt() < toMs)
			.mapToLong((run) -> run.dispatchedAt() - Math.max(run.scheduledAt(), atMs))
			.max()
			.orElse(0);
	}

	/**
	 * For each job, how long after {@code atMs} fell the first slot sent after {@code atMs} and on time, that is
	 * at most {@code onTimeMs} after its instant; {@link Long#MAX_VALUE} for a job that never fired on time again.
	 */
	static Map<Long, Long> resumedAfter(Map<Long, List<SlotLedger.Run>> runs, Collection<Long> jobIds, long atMs,
			long onTimeMs) {
		Map<Long, Long> resumed = new TreeMap<>();
		for (long jobId : jobIds) {
			long first = runs.getOrDefault(jobId, List.of())
				.stream()
				.filter((run) -> run.slotRun() && run.dispatchedAt() >= atMs && run.scheduledAt() > atMs
						&& run.dispatchedAt() <= run.scheduledAt() + onTimeMs)
				.mapToLong(SlotLedger.Run::scheduledAt)
				.min()
				.orElse(Long.MAX_VALUE);
			resumed.put(jobId, (first == Long.MAX_VALUE) ? first : first - atMs);
		}
		return resumed;
	}

}
