package io.cronhive.master.leader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/** Local fencing by time: with a clock we move, a leader that cannot renew stops before its lease expires. */
class LeaderElectorTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	private final LeaderLease lease = mock(LeaderLease.class);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final List<String> events = new ArrayList<>();

	private final LeaderPresence presence = mock(LeaderPresence.class);

	private final LeaderElector elector = new LeaderElector(this.lease, this.presence, "me", TTL, Duration.ofSeconds(1),
			List.of(new LeadershipListener() {

				@Override
				public void onElected(long epoch) {
					LeaderElectorTests.this.events.add("elected " + epoch);
				}

				@Override
				public void onDeposed(long epoch) {
					LeaderElectorTests.this.events.add("deposed " + epoch);
				}
			}), this.nanos::get);

	@Test
	void acquiringTheLeaseMakesThisReplicaLeadUnderItsEpoch() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		this.elector.tick();
		assertThat(this.elector.currentEpoch()).hasValue(7);
		assertThat(this.elector.isLeading(7)).isTrue();
		assertThat(this.events).containsExactly("elected 7");
	}

	@Test
	void leaderStopsActingBeforeItsLeaseExpiresWhenRenewalsDoNotComeThrough() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		this.elector.tick();
		// The database is unreachable: no renewal succeeds. 2.6 s in, still inside ttl minus margin.
		this.nanos.addAndGet(Duration.ofMillis(2600).toNanos());
		assertThat(this.elector.currentEpoch()).hasValue(7);
		// 2.7 s: the local deadline (3 s minus a tenth) has passed, while the database lease still runs.
		this.nanos.addAndGet(Duration.ofMillis(100).toNanos());
		assertThat(this.elector.currentEpoch()).isEmpty();
		this.elector.checkDeadline();
		assertThat(this.events).containsExactly("elected 7", "deposed 7");
	}

	@Test
	void successfulRenewalExtendsFromWhenItWasSent() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		given(this.lease.renew(eq("me"), eq(7L), any(), any())).willReturn(true);
		this.elector.tick();
		this.nanos.addAndGet(Duration.ofMillis(2000).toNanos());
		this.elector.tick();
		this.nanos.addAndGet(Duration.ofMillis(2600).toNanos());
		assertThat(this.elector.currentEpoch()).hasValue(7);
	}

	@Test
	void refusedRenewalDeposesAtOnce() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		given(this.lease.renew(eq("me"), anyLong(), any(), any())).willReturn(false);
		this.elector.tick();
		this.elector.tick();
		assertThat(this.elector.currentEpoch()).isEmpty();
		assertThat(this.events).containsExactly("elected 7", "deposed 7");
	}

	@Test
	void leaseCountsFromWhenTheDatabaseGotTheStatementNotFromTheWaitForAConnection() {
		// The database is coming back: 2.5 s pass before the statement goes out on a fresh connection.
		given(this.lease.tryAcquire(eq("me"), any(), any())).willAnswer((invocation) -> {
			this.nanos.addAndGet(Duration.ofMillis(2500).toNanos());
			invocation.<Runnable>getArgument(2).run();
			return OptionalLong.of(8);
		});
		this.elector.tick();
		// Counted from before the wait, the lease would have been given up 0.2 s after the election.
		this.nanos.addAndGet(Duration.ofMillis(2000).toNanos());
		assertThat(this.elector.currentEpoch()).hasValue(8);
		this.elector.checkDeadline();
		assertThat(this.events).containsExactly("elected 8");
	}

	@Test
	void renewalTimeIsTakenWhenTheStatementIsSent() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		given(this.lease.renew(eq("me"), eq(7L), any(), any())).willAnswer((invocation) -> {
			this.nanos.addAndGet(Duration.ofMillis(1500).toNanos());
			invocation.<Runnable>getArgument(3).run();
			return true;
		});
		this.elector.tick();
		this.elector.tick();
		this.nanos.addAndGet(Duration.ofMillis(2600).toNanos());
		assertThat(this.elector.currentEpoch()).hasValue(7);
	}

	@Test
	void followerStaysFollowerWhileTheLeaseIsHeld() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.empty());
		this.elector.tick();
		assertThat(this.elector.currentEpoch()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void followerComesBackRightWhenTheLeaseItSawExpires() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.empty());
		given(this.lease.millisUntilExpiry()).willReturn(300L, 10_000L, -20L);
		this.elector.tick();
		assertThat(this.elector.nextTickDelayNanos()).isEqualTo(Duration.ofMillis(305).toNanos());
		this.elector.tick();
		assertThat(this.elector.nextTickDelayNanos()).as("at most an interval").isEqualTo(Duration.ofSeconds(1).toNanos());
		this.elector.tick();
		assertThat(this.elector.nextTickDelayNanos()).as("taken by another just now").isEqualTo(Duration.ofMillis(5).toNanos());
	}

	@Test
	void followerThatCannotReachTheDatabaseWaitsAWholeInterval() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.empty());
		given(this.lease.millisUntilExpiry()).willReturn(100L);
		this.elector.tick();
		given(this.lease.tryAcquire(eq("me"), any(), any())).willThrow(new IllegalStateException("database away"));
		org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(this.elector::tick);
		assertThat(this.elector.nextTickDelayNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
	}

	@Test
	void followerTakesOverAtOnceWhenTheLeadersSessionEndsUnderTheLeaseItSawHeld() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.empty());
		given(this.lease.millisUntilExpiry()).willReturn(2_500L);
		given(this.presence.supported()).willReturn(true);
		given(this.presence.look()).willReturn(Optional.of(new LeaderPresence.Sighting("other", 4, true)),
				Optional.of(new LeaderPresence.Sighting("other", 4, false)));
		given(this.lease.takeOverFrom(eq("me"), eq("other"), eq(4L), any(), any())).willReturn(OptionalLong.of(5));

		this.elector.tick();
		assertThat(this.elector.currentEpoch()).isEmpty();
		assertThat(this.elector.nextTickDelayNanos()).as("looks again soon, not when the lease expires")
			.isEqualTo(Duration.ofMillis(250).toNanos());
		this.elector.tick();

		assertThat(this.elector.currentEpoch()).hasValue(5);
		assertThat(this.events).containsExactly("elected 5");
		then(this.presence).should().hold();
	}

	@Test
	void aLeaderNeverSeenHoldingPresenceOrALeaseThatMovedOnIsNotTakenOver() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.empty());
		given(this.lease.millisUntilExpiry()).willReturn(2_500L);
		given(this.presence.supported()).willReturn(true);
		// An older version's leader never takes the lock; a new lease is not the one seen present.
		given(this.presence.look()).willReturn(Optional.of(new LeaderPresence.Sighting("old", 4, false)),
				Optional.of(new LeaderPresence.Sighting("other", 5, true)),
				Optional.of(new LeaderPresence.Sighting("third", 6, false)));

		this.elector.tick();
		this.elector.tick();
		this.elector.tick();

		assertThat(this.elector.currentEpoch()).isEmpty();
		then(this.lease).should(never()).takeOverFrom(any(), any(), anyLong(), any(), any());
	}

	@Test
	void steppingDownLetsThePresenceLockGo() {
		given(this.lease.tryAcquire(eq("me"), any(), any())).willReturn(OptionalLong.of(7));
		given(this.lease.renew(eq("me"), anyLong(), any(), any())).willReturn(false);
		this.elector.tick();
		this.elector.tick();
		then(this.presence).should().release();
	}

}
