package io.cronhive.master.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows of {@code scheduler_partitions}: who holds each partition, under which epoch, until when (by the
 * database clock), and who the leader wants to hold it. Every acquisition draws a fresh epoch from the one
 * counter, so within a partition epochs only grow and a worker can fence each partition on its own. The SQL
 * runs unchanged on MySQL/MariaDB and H2 in MySQL mode.
 */
public class PartitionLeases {

	private static final String LIVE = "expires_at > CURRENT_TIMESTAMP(3)";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	public PartitionLeases(JdbcTemplate template, TransactionTemplate transactions) {
		this.template = template;
		this.jdbc = JdbcClient.create(template);
		this.transactions = transactions;
	}

	/** Every partition as it stands. */
	public List<Row> read() {
		return this.jdbc.sql("SELECT partition_no, holder, epoch, " + LIVE + ", assigned_to FROM scheduler_partitions "
				+ "ORDER BY partition_no")
			.query((rs, i) -> new Row(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5)))
			.list();
	}

	/**
	 * Extends every live lease of this holder, telling {@code sending} right before the statement goes out on a
	 * connection already held (the local deadline counts from then).
	 * @return what the holder holds now, partition to epoch
	 */
	public Map<Integer, Long> renew(String holder, Duration ttl, Runnable sending) {
		return this.transactions.execute((status) -> {
			sending.run();
			this.jdbc.sql("UPDATE scheduler_partitions SET expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) "
					+ "WHERE holder = ? AND " + LIVE)
				.params(ttl.toNanos() / 1000, holder)
				.update();
			return held(holder);
		});
	}

	/** What the holder holds now, partition to epoch. */
	public Map<Integer, Long> held(String holder) {
		Map<Integer, Long> held = new HashMap<>();
		this.jdbc.sql("SELECT partition_no, epoch FROM scheduler_partitions WHERE holder = ? AND " + LIVE)
			.param(holder)
			.query((rs) -> {
				held.put(rs.getInt(1), rs.getLong(2));
			});
		return held;
	}

	/**
	 * Takes the partitions assigned to this holder that nobody holds (released, expired), each under a fresh
	 * epoch. A partition still held by its previous holder is left until that one lets it go.
	 * @return the partitions taken, with their epochs
	 */
	public Map<Integer, Long> acquire(String holder, Collection<Integer> partitions, Duration ttl, Runnable sending) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		List<Integer> wanted = List.copyOf(partitions);
		return this.transactions.execute((status) -> {
			sending.run();
			this.jdbc.sql("UPDATE scheduler_epochs SET last_epoch = last_epoch + ? WHERE id = 1")
				.param(wanted.size())
				.update();
			long last = this.jdbc.sql("SELECT last_epoch FROM scheduler_epochs WHERE id = 1").query(Long.class).single();
			long first = last - wanted.size() + 1;
			List<Object[]> rows = new ArrayList<>(wanted.size());
			for (int i = 0; i < wanted.size(); i++) {
				rows.add(new Object[] { holder, first + i, ttl.toNanos() / 1000, wanted.get(i), holder });
			}
			this.template.batchUpdate("UPDATE scheduler_partitions SET holder = ?, epoch = ?, "
					+ "expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) WHERE partition_no = ? "
					+ "AND assigned_to = ? AND (holder IS NULL OR expires_at <= CURRENT_TIMESTAMP(3))", rows);
			// Read back rather than trust the counts: MySQL's connector may answer SUCCESS_NO_INFO for a batch.
			Map<Integer, Long> taken = held(holder);
			taken.keySet().retainAll(wanted);
			return taken;
		});
	}

	/** Lets partitions go at once, so their new holder need not wait for the leases to expire. */
	public void release(String holder, Collection<Integer> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		this.jdbc.sql("UPDATE scheduler_partitions SET holder = NULL, expires_at = TIMESTAMP '2000-01-01 00:00:00' "
				+ "WHERE holder = :holder AND partition_no IN (:partitions)")
			.param("holder", holder)
			.param("partitions", partitions)
			.update();
	}

	/**
	 * Ends every lease of a holder whose process is gone (its database session ended): its partitions can be
	 * taken now instead of when their leases run out. Its epochs still fence anything it might have left.
	 * @return how many partitions it held
	 */
	public int expireHolder(String holder) {
		return this.jdbc.sql("UPDATE scheduler_partitions SET holder = NULL, expires_at = TIMESTAMP '2000-01-01 00:00:00' "
				+ "WHERE holder = ? AND " + LIVE)
			.param(holder)
			.update();
	}

	/** Writes who should hold each of these partitions. */
	public void assign(Map<Integer, String> assignees) {
		if (assignees.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(assignees.size());
		assignees.forEach((partition, member) -> rows.add(new Object[] { member, partition }));
		this.transactions.executeWithoutResult((status) -> this.template
			.batchUpdate("UPDATE scheduler_partitions SET assigned_to = ? WHERE partition_no = ?", rows));
	}

	/** Masters whose heartbeat is younger than {@code window}, by the database clock. */
	public List<String> recentMembers(Duration window) {
		return this.jdbc.sql("SELECT instance_id FROM masters "
				+ "WHERE last_heartbeat > TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) ORDER BY instance_id")
			.param(-window.toNanos() / 1000)
			.query(String.class)
			.list();
	}

	/**
	 * One partition as it stands.
	 *
	 * @param partition its number
	 * @param holder who holds (or last held) it, or null once released
	 * @param epoch the epoch it was last taken under
	 * @param live whether the lease is unexpired by the database clock
	 * @param assignedTo who the leader wants to hold it, or null before any assignment
	 */
	public record Row(int partition, String holder, long epoch, boolean live, String assignedTo) {

		/** Whether {@code member} holds it now. */
		public boolean heldBy(String member) {
			return this.live && member.equals(this.holder);
		}

	}

}
