package io.cronhive.master.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.cronhive.common.job.JobType;
import io.cronhive.master.run.ClaimedRun;
import io.cronhive.master.run.JobSpec;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.share.ShareKeeper;
import io.cronhive.master.share.TestShares;

import org.junit.jupiter.api.Test;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** Where in the second the leader's planning polls fall, and when claimed runs are sent. */
class FiringTermTests {

	@Test
	void pollsFallAtThePhasePastEachMultipleOfTheInterval() {
		// 12:00:00.000 + 30 ms: the next poll is at .200, the ones after at .450, .700, .950.
		long now = 1_800_000_000_030L;
		assertThat(FiringTerm.delayToPhase(now, 250, 200)).isEqualTo(170);
		assertThat(FiringTerm.delayToPhase(now + 170 + 1, 250, 200)).isEqualTo(249);
		assertThat(FiringTerm.delayToPhase(1_800_000_000_990L, 250, 200)).isEqualTo(210);
	}

	@Test
	void aPollDueRightNowWaitsAWholeIntervalBecauseTheFirstPollRunsAtOnce() {
		assertThat(FiringTerm.delayToPhase(1_800_000_000_200L, 250, 200)).isEqualTo(250);
	}

	@Test
	void aRunIsSentAtItsSendTimeAndAnOverdueOneAtTheNextGatheringInstant() {
		long now = 1_800_000_000_003L;
		assertThat(FiringTerm.sendInstant(now + 500, now, 10)).isEqualTo(now + 500);
		assertThat(FiringTerm.sendInstant(now, now, 10)).isEqualTo(now);
		assertThat(FiringTerm.sendInstant(now - 700, now, 10)).isEqualTo(1_800_000_000_010L);
		assertThat(FiringTerm.sendInstant(now - 1, 1_800_000_000_010L, 10)).isEqualTo(1_800_000_000_020L);
	}

	@Test
	void overdueRunsArmedMillisecondsApartAreSentTogether() throws Exception {
		// Gathering a second apart here, so a slow test machine cannot split the group.
		MutableClock clock = new MutableClock(1_800_000_000_001L);
		ShareKeeper shares = mock(ShareKeeper.class);
		given(shares.current()).willReturn(TestShares.all(3));
		given(shares.holds(anyLong(), eq(3L))).willReturn(true);
		List<List<Long>> sends = new CopyOnWriteArrayList<>();
		FiringTerm term = new FiringTerm(3, shares, mock(RunStore.class), Runnable::run,
				(runs) -> sends.add(runs.stream().map(ClaimedRun::runId).toList()), 500, 1000, clock);
		try {
			// A late round claims slots of a second ago, a millisecond or so apart.
			for (long runId = 1; runId <= 4; runId++) {
				term.arm(run(runId, 1_799_999_999_000L), 1_799_999_999_000L, null);
				clock.advance(2);
			}

			await().atMost(Duration.ofSeconds(3)).until(() -> !sends.isEmpty());
			Thread.sleep(100);
			assertThat(sends).containsExactly(List.of(1L, 2L, 3L, 4L));
		}
		finally {
			term.stop();
		}
	}

	@Test
	void aRunBeingSentStillCountsAsArmedSoRecoveryDoesNotArmItTwice() throws Exception {
		MutableClock clock = new MutableClock(1_800_000_000_001L);
		ShareKeeper shares = mock(ShareKeeper.class);
		given(shares.current()).willReturn(TestShares.all(3));
		given(shares.holds(anyLong(), eq(3L))).willReturn(true);
		java.util.concurrent.CountDownLatch inSend = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
		FiringTerm term = new FiringTerm(3, shares, mock(RunStore.class), sender, (runs) -> {
			inSend.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, 500, 10, clock);
		try {
			assertThat(term.isArmed(1)).isFalse();
			term.arm(run(1, 1_800_000_000_000L), 1_800_000_000_000L, null);
			assertThat(term.isArmed(1)).as("timer set").isTrue();
			assertThat(inSend.await(3, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(term.isArmed(1)).as("timer fired, send not yet fenced").isTrue();
			release.countDown();
			await().atMost(Duration.ofSeconds(3)).until(() -> !term.isArmed(1));
		}
		finally {
			release.countDown();
			term.stop();
			sender.shutdownNow();
		}
	}

	@Test
	void aSendThatFailsAsTheTermEndsIsLeftToTheNextLeaderWithoutKillingItsThread() {
		MutableClock clock = new MutableClock(1_800_000_000_001L);
		ShareKeeper shares = mock(ShareKeeper.class);
		given(shares.current()).willReturn(TestShares.all(3));
		given(shares.holds(anyLong(), eq(3L))).willReturn(true);
		List<Throwable> uncaught = new CopyOnWriteArrayList<>();
		List<Long> attempts = new CopyOnWriteArrayList<>();
		FiringTerm[] term = new FiringTerm[1];
		// The dispatch thread reports what escapes it, as a dying thread would.
		term[0] = new FiringTerm(3, shares, mock(RunStore.class), (task) -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				uncaught.add(ex);
			}
		}, (runs) -> {
			attempts.add(runs.get(0).runId());
			// The database is gone and this master steps down while the send fails.
			given(shares.holds(anyLong(), eq(3L))).willReturn(false);
			term[0].stop();
			throw new IllegalStateException("database unreachable");
		}, 500, 10, clock);

		term[0].arm(run(1, 1_799_999_999_000L), 1_799_999_999_000L, null);

		await().atMost(Duration.ofSeconds(3)).until(() -> !attempts.isEmpty());
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> attempts.size() == 1);
		assertThat(uncaught).isEmpty();
		assertThat(term[0].pendingCount()).isZero();
	}

	private static ClaimedRun run(long id, long scheduledAtMs) {
		JobSpec job = new JobSpec(id, "uuid-" + id, "job-" + id, null, null, null, "* * * * * ?", "UTC", JobType.HTTP,
				"http://127.0.0.1:9/hit", Map.of(), 0, 0, 1000, "failover", "fire_once", "allow", "u");
		return new ClaimedRun(id, 3, scheduledAtMs, "cron", 1, job);
	}

	/** A clock the test moves by hand; timers still wait in real time for the difference it reports. */
	private static final class MutableClock extends Clock {

		private final AtomicLong millis;

		MutableClock(long millis) {
			this.millis = new AtomicLong(millis);
		}

		void advance(long ms) {
			this.millis.addAndGet(ms);
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
