package io.cronhive.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpLanesTests {

	private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

	private final List<Long> executed = new CopyOnWriteArrayList<>();

	private final Set<Thread> carriers = ConcurrentHashMap.newKeySet();

	private HttpLanes lanes;

	@AfterEach
	void stop() {
		if (this.lanes != null) {
			this.lanes.close();
		}
		this.watcher.shutdownNow();
	}

	@Test
	void instantsOfRunsAreCarriedByTheSameFewLanes() {
		this.lanes = lanes(4, 64, this::record);

		for (int instant = 0; instant < 20; instant++) {
			this.lanes.start(runs(instant * 100 + 1, 100));
			int expected = (instant + 1) * 100;
			await().atMost(5, TimeUnit.SECONDS).until(() -> this.executed.size() == expected);
		}

		assertThat(this.executed).hasSize(2000).doesNotHaveDuplicates();
		// A thread per run would be 2,000 threads; lanes stay and take the next instant's runs too.
		assertThat(this.carriers).hasSizeLessThanOrEqualTo(4);
		assertThat(this.lanes.lanes()).isLessThanOrEqualTo(4);
	}

	@Test
	void oneLaneCarriesRunsInTheOrderTheyCame() {
		this.lanes = lanes(1, 1, this::record);

		this.lanes.start(runs(1, 50));

		await().atMost(5, TimeUnit.SECONDS).until(() -> this.executed.size() == 50);
		assertThat(this.executed).isSorted();
	}

	@Test
	void slowCallsHoldUpOnlyTheirOwnRuns() throws Exception {
		CountDownLatch slowCallsMayEnd = new CountDownLatch(1);
		this.lanes = lanes(2, 64, (run) -> {
			if (run.request().runId() <= 2) {
				awaitQuietly(slowCallsMayEnd);
			}
			record(run);
		});
		try {
			// Both lanes take a slow call first; the fast runs behind them must not wait for those to end.
			this.lanes.start(runs(1, 10));

			await().atMost(2, TimeUnit.SECONDS).until(() -> this.executed.size() == 8);
			assertThat(this.executed).containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		}
		finally {
			slowCallsMayEnd.countDown();
		}
		await().atMost(2, TimeUnit.SECONDS).until(() -> this.executed.size() == 10);
		// The extra lanes leave once nothing waits.
		await().atMost(2, TimeUnit.SECONDS).until(() -> this.lanes.lanes() <= 2);
	}

	@Test
	void extraLanesStopAtTheLimit() throws Exception {
		CountDownLatch callsMayEnd = new CountDownLatch(1);
		this.lanes = lanes(2, 5, (run) -> {
			awaitQuietly(callsMayEnd);
			record(run);
		});
		try {
			this.lanes.start(runs(1, 20));

			await().atMost(2, TimeUnit.SECONDS).until(() -> this.lanes.lanes() == 5);
			Thread.sleep(3 * TimeUnit.NANOSECONDS.toMillis(HttpLanes.STUCK_NANOS));
			assertThat(this.lanes.lanes()).isEqualTo(5);
			assertThat(this.lanes.waiting()).isEqualTo(15);
		}
		finally {
			callsMayEnd.countDown();
		}
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.executed.size() == 20);
	}

	@Test
	void closingLetsTheLanesFinishWhatIsQueued() {
		CountDownLatch mayGo = new CountDownLatch(1);
		this.lanes = lanes(1, 1, (run) -> {
			awaitQuietly(mayGo);
			record(run);
		});
		this.lanes.start(runs(1, 5));

		this.lanes.close();
		mayGo.countDown();

		await().atMost(5, TimeUnit.SECONDS).until(() -> this.executed.size() == 5);
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.lanes.lanes() == 0);
	}

	private HttpLanes lanes(int core, int max, Consumer<ActiveRun> execute) {
		return new HttpLanes(core, max, execute, this.watcher);
	}

	private void record(ActiveRun run) {
		this.carriers.add(Thread.currentThread());
		this.executed.add(run.request().runId());
	}

	private static List<ActiveRun> runs(long firstRunId, int count) {
		List<ActiveRun> runs = new ArrayList<>();
		for (long runId = firstRunId; runId < firstRunId + count; runId++) {
			runs.add(new ActiveRun(new RunRequest("cluster", runId, 1, "job-" + runId, "lane test", JobType.HTTP,
					"http://127.0.0.1/", null, 0, 0, 1), 0));
		}
		return runs;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
