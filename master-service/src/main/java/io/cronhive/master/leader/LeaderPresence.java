package io.cronhive.master.leader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

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

	// Named locks are server-wide: one per database, so clusters (or tests) sharing a server do not meet.
	private static final String NAME = "CONCAT('cronhive:', SHA1(DATABASE()))";

	private final PresenceLock lock;

	private final JdbcClient jdbc;

	LeaderPresence(UnpooledConnections connections, JdbcClient jdbc) {
		this.lock = (connections != null) ? new PresenceLock(connections, NAME, "leader") : null;
		this.jdbc = jdbc;
	}

	/** No presence: followers wait for the lease to expire. */
	static LeaderPresence none() {
		return new LeaderPresence(null, null);
	}

	boolean supported() {
		return this.lock != null;
	}

	/**
	 * Takes the lock for this leader, or checks now and then that it still has it.
	 * @return whether it holds the lock now (false: another session still has it, e.g. a deposed leader that
	 * has not noticed yet; the next call tries again)
	 */
	boolean hold() {
		return supported() && this.lock.hold();
	}

	/** Lets the lock go: this replica stopped leading. */
	void release() {
		if (supported()) {
			this.lock.release();
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
