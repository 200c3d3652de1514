package io.cronhive.admin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own on the build machine's MariaDB (127.0.0.1:3306, root, empty password; override with
 * CRONHIVE_TEST_MARIADB_URL/_USERNAME/_PASSWORD): created for one test class, migrated by the application under
 * test, dropped afterwards.
 */
public final class MariaDbDatabase {

	private static final String SERVER = env("CRONHIVE_TEST_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");

	private static final String USERNAME = env("CRONHIVE_TEST_MARIADB_USERNAME", "root");

	private static final String PASSWORD = env("CRONHIVE_TEST_MARIADB_PASSWORD", "");

	private final String name;

	private MariaDbDatabase(String name) {
		this.name = name;
	}

	/** Creates {@code cronhive_<purpose>_<random>}. */
	public static MariaDbDatabase create(String purpose) {
		String name = ("cronhive_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		return new MariaDbDatabase(name);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return SERVER + this.name + "?useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=UTC";
	}

	/** Points the application's datasource at this database. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", () -> USERNAME);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	public void drop() {
		execute("DROP DATABASE IF EXISTS " + this.name);
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(SERVER + "?useSSL=false&allowPublicKeyRetrieval=true",
				USERNAME, PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MariaDB for integration tests is not usable at " + SERVER + " as "
					+ USERNAME + " (start it, or set CRONHIVE_TEST_MARIADB_URL): " + ex.getMessage(), ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
