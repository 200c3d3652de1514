package io.cronhive.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every slot of every-second jobs over a window, looked up in {@code run_logs}: ran (ok), failed with a reason,
 * skipped by the misfire policy (no row, in a gap that a later catch-up run covers), lost (no row, nothing
 * covers it) or still running; plus rows that share a job and slot. The same accounting as
 * {@code bench/chaos_suite.py}, so a short form in the build and the full form measure one thing.
 */
final class SlotLedger {

	private SlotLedger() {
	}

	/**
	 * One run_logs row of a slot run.
	 *
	 * @param dispatchedAt when it was sent to a worker, 0 if never
	 * @param epoch the epoch it was claimed (or taken over) under: its partition's, which names the master
	 */
	record Run(long jobId, long scheduledAt, String kind, String state, int result, String message,
			long dispatchedAt, long epoch) {

		boolean dispatched() {
			return this.dispatchedAt > 0;
		}

		boolean slotRun() {
			return this.kind.equals("cron") || this.kind.equals("catchup");
		}

	}

	/**
	 * The accounting.
	 * @param slots job x whole second in the window
	 * @param stuck runs not finished although their timeout and the grace have passed
	 * @param duplicateRows rows beyond the first for one job and slot
	 * @param reasons failure messages (digits masked) by count
	 */
	record Ledger(int slots, int ok, int failed, int skipped, int lost, int running, int stuck, int duplicateRows,
			Map<String, Integer> reasons, List<String> lostSamples, Map<Long, List<Run>> runs) {

		int accounted() {
			return this.ok + this.failed + this.skipped + this.lost + this.running;
		}

		long dispatched(long jobId) {
			return this.runs.getOrDefault(jobId, List.of()).stream().filter(Run::dispatched).count();
		}

		@Override
		public String toString() {
			return "slots " + this.slots + ": ok " + this.ok + ", failed " + this.failed + " " + this.reasons
					+ ", skipped " + this.skipped + ", lost " + this.lost + " " + this.lostSamples + ", running "
					+ this.running + " (stuck " + this.stuck + "), duplicate rows " + this.duplicateRows;
		}

	}

	static Map<Long, List<Run>> read(String jdbcUrl, Collection<Long> jobIds) throws SQLException {
		Map<Long, List<Run>> runs = new HashMap<>();
		String sql = "SELECT job_id, scheduled_at, trigger_kind, state, IFNULL(result, 0), message, "
				+ "IFNULL(dispatched_at, 0), epoch FROM run_logs WHERE job_id BETWEEN ? AND ?";
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, jobIds.stream().mapToLong(Long::longValue).min().orElse(0));
			statement.setLong(2, jobIds.stream().mapToLong(Long::longValue).max().orElse(-1));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (jobIds.contains(rs.getLong(1))) {
						runs.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
							.add(new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
									rs.getString(6), rs.getLong(7), rs.getLong(8)));
					}
				}
			}
		}
		return runs;
	}

	/** Unfinished runs of these jobs. */
	static long unfinished(String jdbcUrl, Collection<Long> jobIds) throws SQLException {
		return read(jdbcUrl, jobIds).values()
			.stream()
			.flatMap(List::stream)
			.filter((run) -> !run.state().equals("finished"))
			.count();
	}

	static Ledger account(Map<Long, List<Run>> runs, Collection<Long> jobIds, long fromMs, long toMs, long nowMs,
			long timeoutPlusGraceMs) {
		long first = Math.ceilDiv(fromMs, 1000) * 1000;
		int slots = 0, ok = 0, failed = 0, skipped = 0, lost = 0, running = 0, stuck = 0, duplicates = 0;
		Map<String, Integer> reasons = new TreeMap<>();
		List<String> lostSamples = new ArrayList<>();
		for (long jobId : jobIds) {
			Map<Long, List<Run>> bySlot = new HashMap<>();
			TreeSet<Long> catchups = new TreeSet<>();
			for (Run run : runs.getOrDefault(jobId, List.of())) {
				if (run.slotRun()) {
					bySlot.computeIfAbsent(run.scheduledAt(), (k) -> new ArrayList<>()).add(run);
					if (run.kind().equals("catchup")) {
						catchups.add(run.scheduledAt());
					}
				}
			}
			duplicates += bySlot.values().stream().mapToInt((list) -> list.size() - 1).sum();
			for (long slot = first; slot < toMs; slot += 1000) {
				slots++;
				List<Run> list = bySlot.get(slot);
				if (list == null) {
					if (coveredByCatchUp(slot, catchups, bySlot)) {
						skipped++;
					}
					else {
						lost++;
						if (lostSamples.size() < 5) {
							lostSamples.add("job " + jobId + " slot " + slot);
						}
					}
					continue;
				}
				Run run = list.get(0);
				if (!run.state().equals("finished")) {
					running++;
					stuck += (nowMs - slot > timeoutPlusGraceMs) ? 1 : 0;
				}
				else if (run.result() == 1) {
					ok++;
				}
				else if (run.message() != null && run.message().startsWith("skipped")) {
					skipped++;
				}
				else {
					failed++;
					reasons.merge(reason(run.message()), 1, Integer::sum);
				}
			}
		}
		return new Ledger(slots, ok, failed, skipped, lost, running, stuck, duplicates, reasons, lostSamples, runs);
	}

	/** A slot with no row in a gap that ends at a catch-up run (which takes the gap's latest slot). */
	private static boolean coveredByCatchUp(long slot, TreeSet<Long> catchups, Map<Long, List<Run>> bySlot) {
		Long next = catchups.ceiling(slot);
		if (next == null) {
			return false;
		}
		for (long between = slot + 1000; between < next; between += 1000) {
			if (bySlot.containsKey(between)) {
				return false;
			}
		}
		return true;
	}

	static String reason(String message) {
		String text = (message == null || message.isBlank()) ? "(no message)" : message.replaceAll("\\d+", "#");
		return text.substring(0, Math.min(90, text.length()));
	}

}
