package io.cronhive.common.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a thread a service cannot work without has died, or a periodic task has stopped, and says so
 * once, so the service can turn its health DOWN and exit for its supervisor to restart it. A worker once lost
 * its report delivery thread to an OutOfMemoryError and went on taking runs whose results never left it,
 * while its health said UP: a dead component must never look like a quiet one.
 * <p>
 * Components register what they start and unregister what they stop on purpose. A periodic task that ends
 * (an exception escaped it, so its executor cancelled the later runs) counts as dead too. Plain Java, so every
 * service wires the failure to its own health and exit.
 */
public final class Watchdog implements AutoCloseable {

	/** EX_SOFTWARE, an internal error: supervisors restart a service on any non-zero status. */
	public static final int EXIT_STATUS = 70;

	private static final Logger logger = LoggerFactory.getLogger(Watchdog.class);

	private final Map<Object, String> watched = new ConcurrentHashMap<>();

	private final Consumer<String> onFailure;

	private final AtomicReference<String> failure = new AtomicReference<>();

	private final Thread checker;

	private volatile boolean closed;

	/**
	 * @param interval how often the watched threads and tasks are looked at
	 * @param onFailure told once, on the watchdog's thread, what died first
	 */
	public Watchdog(Duration interval, Consumer<String> onFailure) {
		this.onFailure = onFailure;
		this.checker = Thread.ofPlatform().name("watchdog").daemon().start(() -> {
			while (!this.closed) {
				check();
				try {
					Thread.sleep(interval.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	/** Watches a thread until {@link #release(Object)}: if it ends before that, the service has failed. */
	public void watch(String what, Thread thread) {
		this.watched.put(thread, what);
	}

	/** Watches a periodic task: if it is done before {@link #release(Object)}, it stopped for good. */
	public void watch(String what, Future<?> periodicTask) {
		this.watched.put(periodicTask, what);
	}

	/** Stops watching a thread or task that is being stopped on purpose. */
	public void release(Object threadOrTask) {
		this.watched.remove(threadOrTask);
	}

	/**
	 * The task, failing this watchdog when anything escapes it: an exception escaping a periodic task makes its
	 * executor cancel every later run without a word.
	 */
	public Runnable guard(String what, Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable failure) {
				failed(what + " stopped: " + failure);
				throw failure;
			}
		};
	}

	/** Reports a failure found elsewhere (an Error that escaped a thread). */
	public void failed(String what) {
		if (this.failure.compareAndSet(null, what)) {
			this.onFailure.accept(what);
		}
	}

	/** What failed first, or null while all is well. */
	public String failure() {
		return this.failure.get();
	}

	/** Looks at every watched thread and task now; the checker thread does this every interval. */
	public void check() {
		this.watched.forEach((watched, what) -> {
			boolean dead = (watched instanceof Thread thread) ? !thread.isAlive()
					: ((Future<?>) watched).isDone();
			if (dead && this.watched.remove(watched) != null) {
				failed(what + " stopped");
			}
		});
	}

	/**
	 * Logs whatever escapes a thread (a storm of one kind once a minute with its count, the stack trace once)
	 * and has an Error fail this watchdog: after one, the service's state cannot be trusted.
	 */
	public void catchUncaughtErrors() {
		LogStorm uncaught = new LogStorm(Duration.ofMinutes(1));
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			LogStorm.Line line = uncaught.occurred(failure.getClass().getName());
			if (line != null) {
				logger.error("Uncaught {} in thread {}{}", failure.getClass().getSimpleName(), thread.getName(),
						(line.count() > 1) ? " (" + line.count() + " times in the last minute)" : "",
						line.first() ? failure : null);
			}
			if (failure instanceof Error) {
				failed(failure.getClass().getSimpleName() + " in thread " + thread.getName());
			}
		});
	}

	/**
	 * Ends the process with {@code status}: the graceful shutdown first, on a thread of its own, and a halt if
	 * it has not ended the process within {@code limit} (a wedged component may hang its own shutdown).
	 * @param graceful closes the service and answers the status to exit with
	 */
	public static void exit(Duration limit, IntSupplier graceful) {
		Thread.ofPlatform().daemon().name("exit-deadline").start(() -> {
			try {
				Thread.sleep(limit.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			Runtime.getRuntime().halt(EXIT_STATUS);
		});
		Thread.ofPlatform().name("exit").start(() -> System.exit(graceful.getAsInt()));
	}

	@Override
	public void close() {
		this.closed = true;
		this.checker.interrupt();
	}

}
