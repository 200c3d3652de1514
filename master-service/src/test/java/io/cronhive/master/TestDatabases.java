package io.cronhive.master;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestDatabase} per kind per test class, created on first use and dropped after the class. Use
 * with {@code @RegisterExtension static final TestDatabases databases = new TestDatabases();}.
 */
public final class TestDatabases implements AfterAllCallback {

	private final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);

	/** The class's database of that kind, reset to the migrated state. */
	public synchronized TestDatabase fresh(TestDatabase.Kind kind) {
		TestDatabase database = this.databases.computeIfAbsent(kind, TestDatabase::create);
		database.reset();
		return database;
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.databases.values().forEach(TestDatabase::close);
		this.databases.clear();
	}

}
