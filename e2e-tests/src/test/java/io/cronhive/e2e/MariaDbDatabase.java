package io.cronhive.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the MariaDB at 127.0.0.1:3306, created for one test class and dropped after. */
final class MariaDbDatabase implements AutoCloseable {

	private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";

	private final String name = "cronhive_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	MariaDbDatabase() throws SQLException {
		execute("CREATE DATABASE " + this.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
	}

	String jdbcUrl() {
		return SERVER + this.name;
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws SQLException {
		execute("DROP DATABASE IF EXISTS " + this.name);
	}

}
