package io.cronhive.admin.dashboard;

import java.util.Map;

/**
 * Trigger lateness counted into fixed bins by the database, so a percentile over millions of runs needs one
 * grouped query and no rows in memory. A percentile is the upper edge of the bin it falls in, capped by the
 * largest lateness seen in that bin; the edges follow a 1-2-5 series, so the error is under a factor of 2.5.
 */
final class LatenessBins {

	/** Upper edges (inclusive, ms) of every bin but the last, which holds everything above 60 s. */
	static final long[] EDGES = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000 };

	private LatenessBins() {
	}

	/** A SQL CASE expression giving the bin index of {@code lateness}. */
	static String binExpression(String lateness) {
		StringBuilder sql = new StringBuilder("CASE");
		for (int i = 0; i < EDGES.length; i++) {
			sql.append(" WHEN ").append(lateness).append(" <= ").append(EDGES[i]).append(" THEN ").append(i);
		}
		return sql.append(" ELSE ").append(EDGES.length).append(" END").toString();
	}

	/** The index of the first bin whose lateness is above {@code thresholdMs}. */
	static int firstBinAbove(long thresholdMs) {
		for (int i = 0; i < EDGES.length; i++) {
			if (EDGES[i] > thresholdMs) {
				return i;
			}
		}
		return EDGES.length;
	}

	/**
	 * The {@code p}-th percentile (0 < p ≤ 1) of a histogram, or null if it is empty.
	 * @param bins count and largest value per bin index
	 */
	static Long percentile(Map<Integer, long[]> bins, double p) {
		long total = bins.values().stream().mapToLong((b) -> b[0]).sum();
		if (total == 0) {
			return null;
		}
		long rank = (long) Math.ceil(p * total);
		long seen = 0;
		for (int i = 0; i <= EDGES.length; i++) {
			long[] bin = bins.get(i);
			if (bin == null) {
				continue;
			}
			seen += bin[0];
			if (seen >= rank) {
				return (i < EDGES.length) ? Math.min(EDGES[i], bin[1]) : bin[1];
			}
		}
		return null;
	}

}
