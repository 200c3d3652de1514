package io.cronhive.master.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs in flight per worker instance for least-busy routing: the database's count of dispatched runs (every
 * master's), refreshed at most every second, plus what this master handed out since.
 */
@Component
class InFlightRuns {

	private static final long REFRESH_MS = 1000;

	private final JdbcClient jdbc;

	private volatile Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private volatile boolean read;

	private volatile long readAtMs;

	InFlightRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int count(String instanceId) {
		refreshIfStale();
		AtomicInteger count = this.counts.get(instanceId);
		return (count != null) ? count.get() : 0;
	}

	void started(String instanceId) {
		this.counts.computeIfAbsent(instanceId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	private void refreshIfStale() {
		long now = System.nanoTime() / 1_000_000;
		if (this.read && now - this.readAtMs < REFRESH_MS) {
			return;
		}
		this.readAtMs = now;
		this.read = true;
		Map<String, AtomicInteger> fresh = new HashMap<>();
		this.jdbc
			.sql("SELECT worker_instance, COUNT(*) FROM run_logs WHERE state = 'dispatched' "
					+ "AND worker_instance IS NOT NULL GROUP BY worker_instance")
			.query((rs) -> {
				fresh.put(rs.getString(1), new AtomicInteger(rs.getInt(2)));
			});
		this.counts = new ConcurrentHashMap<>(fresh);
	}

}
