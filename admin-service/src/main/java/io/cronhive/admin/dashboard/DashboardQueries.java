package io.cronhive.admin.dashboard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.dashboard.DashboardView.Bucket;
import io.cronhive.admin.dashboard.DashboardView.Failure;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's aggregations over {@code run_logs}, each one grouped statement on the create-time index. Only
 * numbers (the window and bucket size) are put into the SQL text; they are computed here, never taken as text.
 */
@Component
class DashboardQueries {

	private static final int LAST_FAILURES = 10;

	// Scheduled runs: everything an operator did not start by hand.
	private static final String SCHEDULED = "trigger_kind <> 'manual'";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long lateThresholdMs;

	DashboardQueries(JdbcClient jdbc, Clock clock,
			@Value("${cronhive.admin.dashboard.late-threshold-ms:1000}") long lateThresholdMs) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.lateThresholdMs = lateThresholdMs;
	}

	@Transactional(readOnly = true)
	DashboardView lastMinutes(int minutes) {
		// At most 120 buckets: one a minute up to two hours, then wider.
		long bucketMs = 60_000L * Math.max(1, (minutes + 119) / 120);
		long to = (this.clock.millis() / 60_000L + 1) * 60_000L;
		long from = to - ((minutes * 60_000L + bucketMs - 1) / bucketMs) * bucketMs;
		int count = (int) ((to - from) / bucketMs);
		String window = " FROM run_logs WHERE create_time >= " + from + " AND create_time < " + to;
		String bucket = "FLOOR((create_time - " + from + ") / " + bucketMs + ")";

		long[][] results = new long[count][3];
		this.jdbc.sql("SELECT b, r, COUNT(*) AS n FROM (SELECT " + bucket + " AS b, COALESCE(result, 0) AS r"
				+ window + ") t GROUP BY b, r").query((rs) -> {
					int b = rs.getInt("b");
					int r = rs.getInt("r");
					if (b >= 0 && b < count) {
						results[b][(r == 1) ? 0 : (r == 2) ? 1 : 2] += rs.getLong("n");
					}
				});

		List<Map<Integer, long[]>> histograms = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			histograms.add(new HashMap<>());
		}
		String lateness = "(started_at - scheduled_at)";
		this.jdbc.sql("SELECT b, bin, COUNT(*) AS n, MAX(late) AS mx FROM (SELECT " + bucket + " AS b, "
				+ LatenessBins.binExpression(lateness) + " AS bin, " + lateness + " AS late" + window + " AND "
				+ SCHEDULED + " AND started_at IS NOT NULL) t GROUP BY b, bin").query((rs) -> {
					int b = rs.getInt("b");
					if (b >= 0 && b < count) {
						histograms.get(b).put(rs.getInt("bin"), new long[] { rs.getLong("n"), rs.getLong("mx") });
					}
				});

		long[] undelivered = new long[count];
		this.jdbc.sql("SELECT b, COUNT(*) AS n FROM (SELECT " + bucket + " AS b" + window + " AND " + SCHEDULED
				+ " AND started_at IS NULL AND result = 2) t GROUP BY b").query((rs) -> {
					int b = rs.getInt("b");
					if (b >= 0 && b < count) {
						undelivered[b] += rs.getLong("n");
					}
				});

		int lateBin = LatenessBins.firstBinAbove(this.lateThresholdMs);
		List<Bucket> buckets = new ArrayList<>(count);
		long ok = 0;
		long failed = 0;
		long other = 0;
		long missed = 0;
		for (int i = 0; i < count; i++) {
			Map<Integer, long[]> histogram = histograms.get(i);
			long late = undelivered[i] + histogram.entrySet()
				.stream()
				.filter((e) -> e.getKey() >= lateBin)
				.mapToLong((e) -> e.getValue()[0])
				.sum();
			buckets.add(new Bucket(from + i * bucketMs, results[i][0], results[i][1], results[i][2],
					LatenessBins.percentile(histogram, 0.50), LatenessBins.percentile(histogram, 0.99), late));
			ok += results[i][0];
			failed += results[i][1];
			other += results[i][2];
			missed += late;
		}

		int[] workers = this.jdbc
			.sql("SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN online THEN 1 ELSE 0 END), 0) AS up FROM workers")
			.query((rs, row) -> new int[] { rs.getInt("up"), rs.getInt("total") })
			.single();
		long scheduled = this.jdbc.sql("SELECT COUNT(*) FROM job_schedules WHERE scheduled = TRUE")
			.query(Long.class)
			.single();
		List<Failure> failures = this.jdbc
			.sql("SELECT id, job_id, job_name, worker_name, ended_at, exit_code, message FROM run_logs "
					+ "WHERE result = 2 ORDER BY id DESC LIMIT " + LAST_FAILURES)
			.query((rs, row) -> new Failure(rs.getLong("id"), rs.getLong("job_id"), rs.getString("job_name"),
					rs.getString("worker_name"), (Long) rs.getObject("ended_at", Long.class),
					(Integer) rs.getObject("exit_code", Integer.class), rs.getString("message")))
			.list();
		return new DashboardView(from, to, bucketMs, buckets, this.lateThresholdMs, ok + failed + other, ok, failed,
				missed, workers[0], workers[1], scheduled, failures);
	}

}
