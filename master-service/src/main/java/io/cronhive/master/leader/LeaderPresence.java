package io.cronhive.master.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets followers see that the leader's process is gone long before its lease runs out. The leader holds a MySQL
 * named lock on a connection of its own for its whole term; the database frees it the moment that connection's
 * session ends, which is at once when the process is killed or its host goes down, while the lease stays valid
 * for up to its whole TTL. A follower that saw the lock held under the lease's current holder and epoch, and
 * then sees it free with the lease unchanged, takes the lease over at once (a compare-and-set on that holder
 * and epoch, so one follower wins). The epoch still fences whatever the old leader might write or send.
 * <p>
 * Only with MySQL/MariaDB; on H2 (no named locks) followers wait for the lease to expire, as before. A leader of
 * an older version never takes the lock, so it is never seen held and never taken over early.
 */
public class LeaderPresence implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LeaderPresence.class);

	// Named locks are server-wide: one per database, so clusters (or tests) sharing a server do not meet.
	private static final String NAME = "CONCAT('cronhive:', SHA1(DATABASE()))";

	/** A held lock's connection is checked (and kept from the server's idle timeout) this often. */
	private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final int NETWORK_TIMEOUT_MS = 2000;

	private final UnpooledConnections connections;

	private final JdbcClient jdbc;

	private Connection held;

	private long checkedAtNanos;

	LeaderPresence(UnpooledConnections connections, JdbcClient jdbc) {
		this.connections = connections;
		this.jdbc = jdbc;
	}

	/** No presence: followers wait for the lease to expire. */
	static LeaderPresence none() {
		return new LeaderPresence(null, null);
	}

	boolean supported() {
		return this.connections != null;
	}

	/**
	 * Takes the lock for this leader, or checks now and then that it still has it.
	 * @return whether it holds the lock now (false: another session still has it, e.g. a deposed leader that
	 * has not noticed yet; the next call tries again)
	 */
	synchronized boolean hold() {
		if (!supported()) {
			return false;
		}
		try {
			if (this.held != null) {
				if (System.nanoTime() - this.checkedAtNanos < CHECK_EVERY_NANOS) {
					return true;
				}
				if (query(this.held, "SELECT IS_USED_LOCK(" + NAME + ") = CONNECTION_ID()")) {
					this.checkedAtNanos = System.nanoTime();
					return true;
				}
				logger.warn("This leader lost its presence lock (its connection ended); taking it again");
				release();
			}
			Connection connection = this.connections.open();
			// This runs on the lease's own thread: a connection whose peer vanished silently must not hang it.
			connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
			if (!query(connection, "SELECT GET_LOCK(" + NAME + ", 0) = 1")) {
				connection.close();
				return false;
			}
			this.held = connection;
			this.checkedAtNanos = System.nanoTime();
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Could not take the presence lock: {}", ex.getMessage());
			release();
			return false;
		}
	}

	/** Lets the lock go: this replica stopped leading. */
	synchronized void release() {
		if (this.held != null) {
			try {
				this.held.close();
			}
			catch (SQLException ex) {
				// Closing ends the session, which frees the lock either way.
			}
			this.held = null;
		}
	}

	/** The lease's holder and epoch, and whether any session holds the presence lock; empty when unsupported. */
	Optional<Sighting> look() {
		if (!supported()) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT holder, epoch, IS_USED_LOCK(" + NAME + ") IS NOT NULL FROM leader_lease WHERE id = 1")
			.query((rs, i) -> new Sighting(rs.getString(1), rs.getLong(2), rs.getBoolean(3)))
			.optional();
	}

	@Override
	public void close() {
		release();
	}

	private static boolean query(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			return rows.next() && rows.getBoolean(1);
		}
	}

	/**
	 * What a follower saw of the lease.
	 *
	 * @param holder who holds the lease row
	 * @param epoch its epoch
	 * @param present whether some session holds the presence lock
	 */
	record Sighting(String holder, long epoch, boolean present) {

		boolean sameLease(Sighting other) {
			return other != null && this.epoch == other.epoch && this.holder != null && this.holder.equals(other.holder);
		}

	}

	/** Opens a connection outside any pool: the lock lives as long as its session. */
	@FunctionalInterface
	public interface UnpooledConnections {

		Connection open() throws SQLException;

	}

}
