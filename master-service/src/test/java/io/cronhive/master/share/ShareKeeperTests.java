package io.cronhive.master.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** What a master may fire, as its partition leases are renewed, moved and lost. */
class ShareKeeperTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	private final PartitionLeases leases = mock(PartitionLeases.class);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final List<String> changes = new ArrayList<>();

	private final ShareKeeper keeper = new ShareKeeper(this.leases, MemberPresence.none(), "me", TTL,
			Duration.ofMillis(250), List.of((share, gained, lost) -> this.changes.add(gained + "/" + lost)),
			this.nanos::get);

	private static PartitionLeases.Row row(int partition, String holder, boolean live, String assignedTo) {
		return new PartitionLeases.Row(partition, holder, 7, live, assignedTo);
	}

	@Test
	void takesWhatIsAssignedToItOnceNobodyHoldsItAndTellsTheListeners() {
		given(this.leases.read()).willReturn(List.of(row(1, null, false, "me"), row(2, "other", true, "me"),
				row(3, "other", true, "other")));
		given(this.leases.acquire(eq("me"), eq(Set.of(1)), eq(TTL), any())).willReturn(Map.of(1, 40L));

		this.keeper.tick();

		assertThat(this.keeper.current().epochs()).as("2 is still held by its previous holder").isEqualTo(Map.of(1, 40L));
		assertThat(this.keeper.holds(1, 40)).isTrue();
		assertThat(this.keeper.holds(1, 39)).as("an older epoch of the same partition").isFalse();
		assertThat(this.keeper.holds(129, 40)).as("job 129 is in partition 1 too").isTrue();
		assertThat(this.changes).containsExactly("[1]/[]");
	}

	@Test
	void stopsFiringAPartitionAssignedElsewhereBeforeReleasingIt() {
		given(this.leases.read()).willReturn(List.of(row(1, null, false, "me"), row(2, null, false, "me")));
		given(this.leases.acquire(eq("me"), anyCollection(), eq(TTL), any())).willReturn(Map.of(1, 40L, 2, 41L));
		this.keeper.tick();
		given(this.leases.renew(eq("me"), eq(TTL), any())).willReturn(Map.of(1, 40L, 2, 41L));
		given(this.leases.read()).willReturn(List.of(row(1, "me", true, "me"), row(2, "me", true, "newcomer")));

		this.keeper.tick();

		assertThat(this.keeper.current().partitions()).containsExactly(1);
		verify(this.leases).release("me", Set.of(2));
		assertThat(this.changes).containsExactly("[1, 2]/[]", "[]/[2]");
	}

	@Test
	void aKeeperThatCannotRenewStopsFiringAtItsLocalDeadlineBeforeTheLeaseEnds() {
		given(this.leases.read()).willReturn(List.of(row(1, null, false, "me")));
		given(this.leases.acquire(eq("me"), anyCollection(), eq(TTL), any())).willReturn(Map.of(1, 40L));
		this.keeper.tick();
		given(this.leases.renew(eq("me"), eq(TTL), any()))
			.willThrow(new DataAccessResourceFailureException("database gone"));

		this.nanos.addAndGet(Duration.ofMillis(2_600).toNanos());
		this.keeper.checkDeadline();
		assertThat(this.keeper.current().isEmpty()).as("2.6 s of a 3 s lease: still ours").isFalse();

		this.nanos.addAndGet(Duration.ofMillis(100).toNanos());
		assertThat(this.keeper.current().isEmpty()).as("past TTL less a tenth: not fired from here any more").isTrue();
		this.keeper.checkDeadline();
		assertThat(this.changes).containsExactly("[1]/[]", "[]/[1]");
	}

	@Test
	void aKeeperHoldingNothingDoesNotRenew() {
		given(this.leases.read()).willReturn(List.of(row(1, "other", true, "other")));

		this.keeper.tick();

		verify(this.leases, never()).renew(any(), any(), any());
		assertThat(this.keeper.current().isEmpty()).isTrue();
		assertThat(this.changes).isEmpty();
	}

	@Test
	void partitionRangesStayShortInTheLog() {
		assertThat(ShareKeeper.ranges(Set.of(1, 2, 3, 5, 7, 8))).isEqualTo("1-3,5,7-8");
	}

}
