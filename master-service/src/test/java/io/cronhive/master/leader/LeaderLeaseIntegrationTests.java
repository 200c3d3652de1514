package io.cronhive.master.leader;

import java.time.Duration;
import java.util.OptionalLong;

import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lease row on H2 (MySQL mode) and MariaDB: acquire, renew, expire, take over, release. */
class LeaderLeaseIntegrationTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private LeaderLease lease(TestDatabase.Kind kind) {
		TestDatabase db = databases.fresh(kind);
		return new LeaderLease(db.jdbc(), db.transactions());
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void firstMasterTakesFreeLeaseUnderEpochOne(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		assertThat(lease.tryAcquire("a", TTL)).hasValue(1);
		assertThat(lease.isHeld("a", 1)).isTrue();
		assertThat(lease.currentEpoch()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void secondMasterCannotTakeLeaseWhileItIsValid(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", TTL);
		assertThat(lease.tryAcquire("b", TTL)).isEmpty();
		assertThat(lease.isHeld("b", 2)).isFalse();
		assertThat(lease.currentEpoch()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void holderRenewsOnlyUnderItsOwnEpoch(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", TTL);
		assertThat(lease.renew("a", 1, TTL)).isTrue();
		assertThat(lease.renew("a", 2, TTL)).isFalse();
		assertThat(lease.renew("b", 1, TTL)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void followerTakesExpiredLeaseWithNextEpochAndOldHolderCannotRenew(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", Duration.ofMillis(300));
		await().atMost(Duration.ofSeconds(5)).until(() -> lease.tryAcquire("b", TTL).isPresent());
		assertThat(lease.currentEpoch()).isEqualTo(2);
		assertThat(lease.isHeld("b", 2)).isTrue();
		assertThat(lease.renew("a", 1, TTL)).isFalse();
		assertThat(lease.isHeld("a", 1)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aFollowerReadsHowLongTheLeaseStillRunsByTheDatabaseClock(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", TTL);
		assertThat(lease.millisUntilExpiry()).isBetween(TTL.toMillis() - 1_000, TTL.toMillis());
		lease.release("a", 1);
		assertThat(lease.millisUntilExpiry()).isNegative();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void expiredLeaseIsNotRenewedEvenByItsHolder(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", Duration.ofMillis(200));
		await().atMost(Duration.ofSeconds(5)).until(() -> !lease.isHeld("a", 1));
		assertThat(lease.renew("a", 1, TTL)).isFalse();
		OptionalLong again = lease.tryAcquire("a", TTL);
		assertThat(again).hasValue(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void releasedLeaseIsTakenAtOnceWithNextEpoch(TestDatabase.Kind kind) {
		LeaderLease lease = lease(kind);
		lease.tryAcquire("a", TTL);
		assertThat(lease.release("a", 1)).isTrue();
		assertThat(lease.tryAcquire("b", TTL)).hasValue(2);
	}

}
