package io.cronhive.master.leader;

import java.time.Duration;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single lease row {@code leader_lease(id=1)}: who coordinates (assigns the partitions, supervises runs,
 * times out joins). Expiry is decided by the database clock, never by a master's own clock, and every takeover
 * increments the epoch. Slots are fenced by their partitions' leases instead ({@code share.ShareFence}). The
 * SQL runs unchanged on MySQL/MariaDB and H2 in MySQL mode.
 */
@Component
public class LeaderLease {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public LeaderLease(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Takes the lease if it has expired (or was released); answers the new epoch, or empty if held. */
	public OptionalLong tryAcquire(String holder, Duration ttl) {
		return tryAcquire(holder, ttl, () -> {
		});
	}

	/**
	 * {@link #tryAcquire(String, Duration)}, telling {@code sending} right before the statement goes out on a
	 * connection already held: a lease's local deadline counts from then, not from before a wait for a
	 * connection to a database that is just coming back.
	 */
	public OptionalLong tryAcquire(String holder, Duration ttl, Runnable sending) {
		Long epoch = this.transactions.execute((status) -> {
			sending.run();
			int updated = this.jdbc
				.sql("UPDATE leader_lease SET holder = ?, epoch = epoch + 1, "
						+ "expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) "
						+ "WHERE id = 1 AND expires_at <= CURRENT_TIMESTAMP(3)")
				.params(holder, ttl.toNanos() / 1000)
				.update();
			if (updated == 0) {
				return null;
			}
			return this.jdbc.sql("SELECT epoch FROM leader_lease WHERE id = 1 AND holder = ?")
				.param(holder)
				.query(Long.class)
				.single();
		});
		return (epoch != null) ? OptionalLong.of(epoch) : OptionalLong.empty();
	}

	/**
	 * Takes the lease from a holder whose database session is gone (see {@link LeaderPresence}) before it
	 * expires: a compare-and-set on the holder and epoch seen, so of several followers one wins, and a lease
	 * renewed under a new epoch meanwhile is left alone.
	 */
	public OptionalLong takeOverFrom(String holder, String goneHolder, long goneEpoch, Duration ttl, Runnable sending) {
		Long epoch = this.transactions.execute((status) -> {
			sending.run();
			int updated = this.jdbc
				.sql("UPDATE leader_lease SET holder = ?, epoch = epoch + 1, "
						+ "expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) "
						+ "WHERE id = 1 AND holder = ? AND epoch = ?")
				.params(holder, ttl.toNanos() / 1000, goneHolder, goneEpoch)
				.update();
			if (updated == 0) {
				return null;
			}
			return this.jdbc.sql("SELECT epoch FROM leader_lease WHERE id = 1 AND holder = ?")
				.param(holder)
				.query(Long.class)
				.single();
		});
		return (epoch != null) ? OptionalLong.of(epoch) : OptionalLong.empty();
	}

	/** Extends the lease only if this holder still owns it under this epoch and it has not yet expired. */
	public boolean renew(String holder, long epoch, Duration ttl) {
		return renew(holder, epoch, ttl, () -> {
		});
	}

	/** {@link #renew(String, long, Duration)}, telling {@code sending} as {@link #tryAcquire} does. */
	public boolean renew(String holder, long epoch, Duration ttl, Runnable sending) {
		// In a transaction only to hold the connection before the statement's send time is taken.
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			sending.run();
			return this.jdbc
				.sql("UPDATE leader_lease SET expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3)) "
						+ "WHERE id = 1 AND holder = ? AND epoch = ? AND expires_at > CURRENT_TIMESTAMP(3)")
				.params(ttl.toNanos() / 1000, holder, epoch)
				.update() == 1;
		}));
	}

	/** Gives the lease up at once (graceful shutdown), so a follower need not wait for the expiry. */
	public boolean release(String holder, long epoch) {
		return this.jdbc
			.sql("UPDATE leader_lease SET holder = NULL, expires_at = TIMESTAMP '2000-01-01 00:00:00' "
					+ "WHERE id = 1 AND holder = ? AND epoch = ?")
			.params(holder, epoch)
			.update() == 1;
	}

	/** Whether the lease is held by this holder under this epoch right now, by the database clock. */
	public boolean isHeld(String holder, long epoch) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM leader_lease WHERE id = 1 AND holder = ? AND epoch = ? "
					+ "AND expires_at > CURRENT_TIMESTAMP(3)")
			.params(holder, epoch)
			.query(Long.class)
			.single() == 1;
	}

	/**
	 * How long until the lease expires, by the database clock (negative once it has). A follower sleeps that
	 * long rather than a whole renewal interval, so it takes over as soon as the lease allows.
	 */
	public long millisUntilExpiry() {
		return this.jdbc
			.sql("SELECT TIMESTAMPDIFF(MICROSECOND, CURRENT_TIMESTAMP(3), expires_at) FROM leader_lease WHERE id = 1")
			.query(Long.class)
			.single() / 1000;
	}

	/** The current epoch, whoever holds it. */
	public long currentEpoch() {
		return this.jdbc.sql("SELECT epoch FROM leader_lease WHERE id = 1").query(Long.class).single();
	}

}
