package io.cronhive.admin.scheduling;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a whole transaction again when the database chose it as a deadlock victim or it waited too long for a
 * lock. Starting or stopping many jobs locks many schedule rows while the leading master advances the same rows
 * in its claim batches; the database resolves such a crossing by rolling one side back, and the user should
 * not see that as an error. Each attempt is a fresh transaction, so nothing half-written survives.
 */
final class LockRetry {

	private static final int ATTEMPTS = 4;

	private LockRetry() {
	}

	static <T> T run(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

}
