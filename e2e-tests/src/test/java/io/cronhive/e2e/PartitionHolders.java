package io.cronhive.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which master fired a run. {@code scheduler_partitions} keeps only each partition's current holder, but every
 * acquisition draws a fresh epoch from one counter and a run carries the epoch it was claimed or taken over
 * under, so sampling the table every 100 ms (far shorter than any holding, which lasts at least a 250 ms
 * round) names the master behind every epoch seen.
 */
final class PartitionHolders implements AutoCloseable {

	private static final String SAMPLE = "SELECT partition_no, holder, epoch, expires_at > CURRENT_TIMESTAMP(3) "
			+ "FROM scheduler_partitions WHERE holder IS NOT NULL";

	private final String jdbcUrl;

	private final Map<Long, String> byEpoch = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sampler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("partition-holders").daemon().factory());

	private Connection connection;

	private PartitionHolders(String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
	}

	static PartitionHolders watch(String jdbcUrl) {
		PartitionHolders holders = new PartitionHolders(jdbcUrl);
		holders.sampler.scheduleWithFixedDelay(holders::sample, 0, 100, TimeUnit.MILLISECONDS);
		return holders;
	}

	/** The instance id of the master that held a partition under this epoch, or null if never seen. */
	String holderOf(long epoch) {
		return this.byEpoch.get(epoch);
	}

	/** Partition to the instance id of its live holder, read now. */
	Map<Integer, String> now() throws SQLException {
		Map<Integer, String> live = new HashMap<>();
		try (Connection own = DriverManager.getConnection(this.jdbcUrl, "root", "")) {
			read(own, (partition, holder, epoch, isLive) -> {
				if (isLive) {
					live.put(partition, holder);
				}
			});
		}
		return live;
	}

	private void sample() {
		try {
			if (this.connection == null) {
				this.connection = DriverManager.getConnection(this.jdbcUrl, "root", "");
			}
			read(this.connection, (partition, holder, epoch, isLive) -> this.byEpoch.put(epoch, holder));
		}
		catch (SQLException ex) {
			// Connect again at the next sample; a missed sample only matters if a holding were shorter than two.
			this.connection = null;
		}
	}

	private static void read(Connection connection, RowHandler handler) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SAMPLE)) {
			while (rows.next()) {
				handler.row(rows.getInt(1), rows.getString(2), rows.getLong(3), rows.getBoolean(4));
			}
		}
	}

	@Override
	public void close() throws SQLException, InterruptedException {
		this.sampler.shutdownNow();
		this.sampler.awaitTermination(5, TimeUnit.SECONDS);
		if (this.connection != null) {
			this.connection.close();
		}
	}

	private interface RowHandler {

		void row(int partition, String holder, long epoch, boolean live);

	}

}
