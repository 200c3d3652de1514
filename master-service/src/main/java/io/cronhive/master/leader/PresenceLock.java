package io.cronhive.master.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL named lock held on a connection of its own for as long as a process is there: the database frees it
 * the moment that connection's session ends, which is at once when the process is killed or its host goes
 * down, while leases stay valid for their whole TTL. Others read it with {@code IS_USED_LOCK}.
 */
public class PresenceLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PresenceLock.class);

	/** A held lock's connection is checked (and kept from the server's idle timeout) this often. */
	private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final int NETWORK_TIMEOUT_MS = 2000;

	private final LeaderPresence.UnpooledConnections connections;

	private final String name;

	private final String what;

	private Connection held;

	private long checkedAtNanos;

	/**
	 * @param name the lock's name as a SQL expression (named locks are server-wide: include the database)
	 * @param what what the lock stands for, for logs
	 */
	public PresenceLock(LeaderPresence.UnpooledConnections connections, String name, String what) {
		this.connections = connections;
		this.name = name;
		this.what = what;
	}

	/**
	 * Takes the lock, or checks now and then that it still has it.
	 * @return whether it holds the lock now (false: another session still has it; the next call tries again)
	 */
	public synchronized boolean hold() {
		try {
			if (this.held != null) {
				if (System.nanoTime() - this.checkedAtNanos < CHECK_EVERY_NANOS) {
					return true;
				}
				if (query(this.held, "SELECT IS_USED_LOCK(" + this.name + ") = CONNECTION_ID()")) {
					this.checkedAtNanos = System.nanoTime();
					return true;
				}
				logger.warn("The {} lost its presence lock (its connection ended); taking it again", this.what);
				release();
			}
			Connection connection = this.connections.open();
			// Taken on a lease's own thread: a connection whose peer vanished silently must not hang it.
			connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
			if (!query(connection, "SELECT GET_LOCK(" + this.name + ", 0) = 1")) {
				connection.close();
				return false;
			}
			this.held = connection;
			this.checkedAtNanos = System.nanoTime();
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Could not take the presence lock of the {}: {}", this.what, ex.getMessage());
			release();
			return false;
		}
	}

	/** Lets the lock go. */
	public synchronized void release() {
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

	@Override
	public void close() {
		release();
	}

	private static boolean query(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			return rows.next() && rows.getBoolean(1);
		}
	}

}
