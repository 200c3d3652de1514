package io.cronhive.common.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchdogTests {

	private final List<String> failures = new CopyOnWriteArrayList<>();

	// Checked by hand in these tests: a long interval keeps the checker thread out of the way.
	private final Watchdog watchdog = new Watchdog(Duration.ofHours(1), this.failures::add);

	@AfterEach
	void close() {
		this.watchdog.close();
	}

	@Test
	void aWatchedThreadThatDiesIsAFailureReportedOnce() throws Exception {
		Thread delivery = Thread.ofPlatform().start(() -> {
			throw new OutOfMemoryError("Java heap space");
		});
		this.watchdog.watch("report delivery", delivery);
		delivery.join();

		this.watchdog.check();
		this.watchdog.check();

		assertThat(this.failures).containsExactly("report delivery stopped");
		assertThat(this.watchdog.failure()).isEqualTo("report delivery stopped");
	}

	@Test
	void aThreadStoppedOnPurposeIsNoFailure() throws Exception {
		CountDownLatch stop = new CountDownLatch(1);
		Thread writer = Thread.ofPlatform().start(() -> {
			try {
				stop.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.watchdog.watch("spool writer", writer);
		this.watchdog.check();
		this.watchdog.release(writer);
		stop.countDown();
		writer.join();

		this.watchdog.check();

		assertThat(this.failures).isEmpty();
	}

	@Test
	void aPeriodicTaskAnExceptionEndedIsAFailure() throws Exception {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		try {
			AtomicInteger runs = new AtomicInteger();
			ScheduledFuture<?> renewal = executor.scheduleWithFixedDelay(() -> {
				if (runs.incrementAndGet() == 3) {
					throw new IllegalStateException("escaped");
				}
			}, 0, 1, TimeUnit.MILLISECONDS);
			this.watchdog.watch("lease renewal", renewal);
			this.watchdog.check();
			assertThat(this.failures).isEmpty();

			while (!renewal.isDone()) {
				Thread.sleep(5);
			}
			this.watchdog.check();

			assertThat(this.failures).containsExactly("lease renewal stopped");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aGuardedTaskThatThrowsFailsTheWatchdog() {
		Runnable planning = this.watchdog.guard("planning", () -> {
			throw new StackOverflowError();
		});

		assertThatThrownBy(planning::run).isInstanceOf(StackOverflowError.class);
		assertThat(this.failures).containsExactly("planning stopped: java.lang.StackOverflowError");
	}

	@Test
	void onlyTheFirstFailureIsReported() {
		this.watchdog.failed("OutOfMemoryError in http-lane-3");
		this.watchdog.failed("spool writer stopped");

		assertThat(this.failures).containsExactly("OutOfMemoryError in http-lane-3");
	}

}
