package io.cronhive.master.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.IsolationLevel;

/**
 * A Hikari pool that does not make the scheduler wait for Hikari after a database outage.
 * <p>
 * While the database is away, Hikari's single connection-adder thread doubles its sleep between failed attempts
 * up to 5 s, and nothing can wake it: when the database answers again the pool stays empty for up to those 5 s,
 * and every caller waits for it. For a scheduler that is 5 s of missed slots after the outage is already over.
 * So while the pool holds no connection at all, a few callers get a connection of their own straight from the
 * driver (closed, not pooled, when they are done), set up as the pool's would be; once the adder has refilled
 * the pool everything goes through it again. The pool is empty only at start and after an outage, so in normal
 * running this changes nothing.
 */
public class RecoveringDataSource extends HikariDataSource {

	/** A couple of connections carry the planning round and dispatch until the pool is back; more would only queue. */
	static final int DIRECT_CONNECTIONS = 2;

	/** A database still away fails a direct connection this fast rather than holding its caller. */
	private static final String CONNECT_TIMEOUT_MS = "2000";

	private final Semaphore direct = new Semaphore(DIRECT_CONNECTIONS);

	@Override
	public Connection getConnection() throws SQLException {
		HikariPoolMXBean pool = getHikariPoolMXBean();
		if (pool != null && pool.getTotalConnections() == 0 && this.direct.tryAcquire()) {
			try {
				return released(openUnpooled());
			}
			catch (SQLException | RuntimeException ex) {
				this.direct.release();
				throw ex;
			}
		}
		return super.getConnection();
	}

	/** How many connections are open outside the pool right now. */
	public int directConnections() {
		return DIRECT_CONNECTIONS - this.direct.availablePermits();
	}

	/** A connection of its own, outside the pool, set up as the pool's are; the caller closes it. */
	public Connection openUnpooled() throws SQLException {
		Properties properties = new Properties();
		properties.putAll(getDataSourceProperties());
		if (getUsername() != null) {
			properties.setProperty("user", getUsername());
		}
		if (getPassword() != null) {
			properties.setProperty("password", getPassword());
		}
		if (MySqlBatching.isMySql(getJdbcUrl())) {
			properties.putIfAbsent("connectTimeout", CONNECT_TIMEOUT_MS);
		}
		Connection connection = DriverManager.getConnection(getJdbcUrl(), properties);
		try {
			connection.setAutoCommit(isAutoCommit());
			if (getTransactionIsolation() != null) {
				connection.setTransactionIsolation(IsolationLevel.valueOf(getTransactionIsolation()).getLevelId());
			}
			if (isReadOnly()) {
				connection.setReadOnly(true);
			}
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/** The connection, giving its permit back when it is closed (once, however often close is called). */
	private Connection released(Connection connection) {
		AtomicBoolean closed = new AtomicBoolean();
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					if (method.getName().equals("close") && method.getParameterCount() == 0) {
						if (closed.compareAndSet(false, true)) {
							try {
								connection.close();
							}
							finally {
								this.direct.release();
							}
						}
						return null;
					}
					return invoke(connection, method, args);
				});
	}

	private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
