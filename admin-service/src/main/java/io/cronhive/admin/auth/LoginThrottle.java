package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #FREE_FAILURES} failed logins for one user name from one client, each
 * further attempt waits a lockout that doubles per failure (1s up to 15 minutes). Unknown names are throttled
 * like real ones, so the throttle reveals nothing. Keyed by name and client so that a stranger failing on purpose
 * cannot lock the real admin out from everywhere. Per instance, in memory: a restart forgets.
 */
@Component
class LoginThrottle {

	static final int FREE_FAILURES = 5;

	private static final Duration MAX_LOCK = Duration.ofMinutes(15);

	// Bounds memory under a spray of random names; entries past their lockout are dropped first.
	private static final int MAX_ENTRIES = 10_000;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long the caller must still wait, or {@link Duration#ZERO}. */
	Duration lockedFor(String username, String client) {
		Failures entry = this.failures.get(key(username, client));
		if (entry == null) {
			return Duration.ZERO;
		}
		long left = entry.lockedUntil() - this.clock.millis();
		return (left > 0) ? Duration.ofMillis(left) : Duration.ZERO;
	}

	void failed(String username, String client) {
		if (this.failures.size() >= MAX_ENTRIES) {
			long now = this.clock.millis();
			this.failures.values().removeIf((f) -> f.lockedUntil() < now - MAX_LOCK.toMillis());
		}
		this.failures.compute(key(username, client), (k, previous) -> {
			int count = (previous != null) ? previous.count() + 1 : 1;
			long lock = 0;
			if (count > FREE_FAILURES) {
				int doublings = Math.min(count - FREE_FAILURES - 1, 20);
				lock = Math.min(MAX_LOCK.toMillis(), 1000L << doublings);
			}
			return new Failures(count, this.clock.millis() + lock);
		});
	}

	void succeeded(String username, String client) {
		this.failures.remove(key(username, client));
	}

	private static String key(String username, String client) {
		return String.valueOf(username).toLowerCase(Locale.ROOT) + "|" + client;
	}

	private record Failures(int count, long lockedUntil) {
	}

}
