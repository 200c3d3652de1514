package io.cronhive.master.leader;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** On MariaDB: a follower sees the leader's process die through its session, long before the lease expires. */
class LeaderPresenceIntegrationTests {

	// Long enough that only presence can explain a takeover within the test.
	private static final Duration TTL = Duration.ofSeconds(60);

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	@Test
	void aFollowerTakesOverAsSoonAsTheLeadersSessionEndsAndOnlyThen() {
		TestDatabase db = databases.fresh(TestDatabase.Kind.MARIADB);
		LeaderLease lease = new LeaderLease(db.jdbc(), db.transactions());
		LeaderPresence leaderPresence = presence(db);
		LeaderPresence followerPresence = presence(db);
		List<String> events = new CopyOnWriteArrayList<>();
		LeaderElector leader = new LeaderElector(lease, leaderPresence, "a", TTL, Duration.ofSeconds(1), List.of());
		LeaderElector follower = new LeaderElector(lease, followerPresence, "b", TTL, Duration.ofSeconds(1),
				List.of(new LeadershipListener() {

					@Override
					public void onElected(long epoch) {
						events.add("b elected " + epoch);
					}

					@Override
					public void onDeposed(long epoch) {
						events.add("b deposed " + epoch);
					}
				}));
		try {
			leader.tick();
			assertThat(leader.currentEpoch()).hasValue(1);
			assertThat(leaderPresence.look()).hasValue(new LeaderPresence.Sighting("a", 1, true));

			follower.tick();
			follower.tick();
			assertThat(follower.currentEpoch()).as("the leader is alive").isEmpty();

			// kill -9: the process is gone, its session with it (the lease still runs for a minute).
			leaderPresence.release();
			follower.tick();

			assertThat(follower.currentEpoch()).hasValue(2);
			assertThat(events).containsExactly("b elected 2");
			assertThat(lease.isHeld("b", 2)).isTrue();
			assertThat(lease.renew("a", 1, TTL)).as("the old leader is fenced out").isFalse();
			assertThat(followerPresence.look()).hasValue(new LeaderPresence.Sighting("b", 2, true));
			assertThat(leaderPresence.hold()).as("one session holds the lock").isFalse();
		}
		finally {
			leaderPresence.close();
			followerPresence.close();
		}
	}

	@Test
	void withoutNamedLocksThereIsNoPresenceAndNothingIsTakenEarly() {
		LeaderPresence none = LeaderPresence.none();
		assertThat(none.supported()).isFalse();
		assertThat(none.hold()).isFalse();
		assertThat(none.look()).isEmpty();
	}

	private static LeaderPresence presence(TestDatabase db) {
		return new LeaderPresence(() -> DriverManager.getConnection(db.jdbcUrl(), "root", ""), db.jdbc());
	}

}
