package io.cronhive.master.share;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cronhive.common.dispatch.Partitions;
import io.cronhive.common.health.Watchdog;
import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import io.cronhive.master.leader.LeaderElector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Masters sharing the partitions through the real tables: the leader's assignment, the holders' handovers, and
 * a dead master's partitions freed when its database session ends. Rounds are driven by hand, one tick each.
 */
class ShareIntegrationTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private TestDatabase db;

	private PartitionLeases leases;

	private final Map<String, ShareKeeper> keepers = new HashMap<>();

	private ShareCoordinator coordinator(MemberPresence presence) {
		return new ShareCoordinator(this.leases, presence, mock(LeaderElector.class), Duration.ofMillis(250), TTL,
				mock(Watchdog.class));
	}

	private void open(TestDatabase.Kind kind) {
		this.db = databases.fresh(kind);
		this.leases = new PartitionLeases(new JdbcTemplate(this.db.dataSource()), this.db.transactions());
	}

	private ShareKeeper join(String member) {
		this.db.jdbc()
			.sql("INSERT INTO masters (instance_id, ip, port, status, started_at, last_heartbeat, epoch) "
					+ "VALUES (?, '127.0.0.1', 1, 2, 0, CURRENT_TIMESTAMP(3), 0)")
			.param(member)
			.update();
		ShareKeeper keeper = new ShareKeeper(this.leases, MemberPresence.none(), member, TTL, Duration.ofMillis(250),
				List.of());
		this.keepers.put(member, keeper);
		return keeper;
	}

	private void leave(String member) {
		this.keepers.remove(member).stop();
		this.db.jdbc().sql("DELETE FROM masters WHERE instance_id = ?").param(member).update();
	}

	/** The leader assigns, then every master ticks twice: once to let moved partitions go, once to take. */
	private void settle(ShareCoordinator coordinator) {
		coordinator.coordinate();
		for (int i = 0; i < 2; i++) {
			this.keepers.values().forEach(ShareKeeper::tick);
		}
	}

	private Map<Integer, String> holders() {
		Map<Integer, String> holders = new HashMap<>();
		this.keepers.forEach((member, keeper) -> keeper.current().partitions().forEach((partition) -> {
			assertThat(holders.put(partition, member)).as("partition %d held twice", partition).isNull();
		}));
		return holders;
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void mastersSplitThePartitionsAndOnlyTheNewcomersShareMovesWhenOneJoins(TestDatabase.Kind kind) {
		open(kind);
		ShareCoordinator coordinator = coordinator(MemberPresence.none());
		join("m1");
		join("m2");
		settle(coordinator);
		Map<Integer, String> two = holders();
		assertThat(two).hasSize(Partitions.COUNT);
		assertThat(this.keepers.get("m1").current().partitions()).hasSize(64);
		Map<Integer, Long> epochsBefore = new HashMap<>(this.keepers.get("m1").current().epochs());

		join("m3");
		settle(coordinator);
		Map<Integer, String> three = holders();

		assertThat(three).hasSize(Partitions.COUNT);
		assertThat(this.keepers.get("m3").current().partitions()).hasSizeBetween(42, 43);
		long moved = three.keySet().stream().filter((p) -> !three.get(p).equals(two.get(p))).count();
		assertThat(moved).as("only the newcomer's share moves").isEqualTo(this.keepers.get("m3").current().partitions().size());
		this.keepers.get("m3").current().epochs().forEach((partition, epoch) -> {
			if (epochsBefore.containsKey(partition)) {
				assertThat(epoch).as("a partition taken over gets a higher epoch").isGreaterThan(epochsBefore.get(partition));
			}
		});
		this.keepers.get("m1").current().epochs().forEach((partition, epoch) -> assertThat(epoch)
			.as("a partition that stays keeps its epoch")
			.isEqualTo(epochsBefore.get(partition)));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aMasterThatLeavesHandsItsShareToTheOthers(TestDatabase.Kind kind) {
		open(kind);
		ShareCoordinator coordinator = coordinator(MemberPresence.none());
		join("m1");
		join("m2");
		join("m3");
		settle(coordinator);
		settle(coordinator);

		leave("m2");
		settle(coordinator);

		assertThat(holders()).hasSize(Partitions.COUNT);
		assertThat(this.keepers.get("m1").current().partitions()).hasSize(64);
		assertThat(this.keepers.get("m3").current().partitions()).hasSize(64);
	}

	@Test
	void aKilledMastersPartitionsAreFreedAsSoonAsItsDatabaseSessionEnds() throws Exception {
		open(TestDatabase.Kind.MARIADB);
		String url = this.db.jdbcUrl();
		MemberPresence leaderPresence = presence(url, "m1");
		MemberPresence victimPresence = presence(url, "m2");
		try {
			ShareCoordinator coordinator = coordinator(leaderPresence);
			join("m1");
			join("m2");
			assertThat(leaderPresence.hold()).isTrue();
			assertThat(victimPresence.hold()).isTrue();
			settle(coordinator);
			assertThat(this.keepers.get("m2").current().partitions()).hasSize(64);

			// kill -9: its session ends, its heartbeat is still fresh and its leases run for seconds more.
			victimPresence.close();
			this.keepers.remove("m2");
			settle(coordinator);

			assertThat(this.keepers.get("m1").current().partitions()).as("taken well before the leases expire")
				.hasSize(Partitions.COUNT);
		}
		finally {
			leaderPresence.close();
			victimPresence.close();
		}
	}

	private MemberPresence presence(String url, String member) {
		return new MemberPresence(() -> DriverManager.getConnection(url, "root", ""), this.db.jdbc(), member);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void partitionsAreNeverHeldTwiceWhileMastersComeAndGo(TestDatabase.Kind kind) {
		open(kind);
		ShareCoordinator coordinator = coordinator(MemberPresence.none());
		join("a");
		Set<String> seen = new HashSet<>();
		for (String member : List.of("b", "c", "d")) {
			join(member);
			for (int round = 0; round < 3; round++) {
				coordinator.coordinate();
				for (ShareKeeper keeper : this.keepers.values()) {
					keeper.tick();
					holders();
				}
			}
			seen.addAll(holders().values());
		}
		assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(holders()).hasSize(Partitions.COUNT);
	}

}
