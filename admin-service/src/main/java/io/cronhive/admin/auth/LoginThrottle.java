package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #FREE_FAILURES} failed logins for one user name from one client, each
 * further attempt waits a lockout that doubles per failure (1s up to 15 minutes). Unknown names are throttled
 * like real ones, so the throttle reveals nothing. Keyed by name and client so that a stranger failing on purpose
 * cannot lock the real admin out from everywhere. Per instance, in memory: a restart forgets. The memory is
 * bounded whatever callers send: a user name is kept only as a fixed-size digest, and past
 * {@value #MAX_ENTRIES} entries the one that failed least recently is forgotten.
 */
@Component
class LoginThrottle {

	static final int FREE_FAILURES = 5;

	private static final Duration MAX_LOCK = Duration.ofMinutes(15);

	// About 1.5 MB at most (a 32-byte digest, an address and two numbers per entry).
	static final int MAX_ENTRIES = 10_000;

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	});

	private final Clock clock;

	// Access order, so the eldest entry is the one that failed or was checked least recently.
	private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long the caller must still wait, or {@link Duration#ZERO}. */
	synchronized Duration lockedFor(String username, String client) {
		Failures entry = this.failures.get(key(username, client));
		if (entry == null) {
			return Duration.ZERO;
		}
		long left = entry.lockedUntil() - this.clock.millis();
		return (left > 0) ? Duration.ofMillis(left) : Duration.ZERO;
	}

	synchronized void failed(String username, String client) {
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

	synchronized void succeeded(String username, String client) {
		this.failures.remove(key(username, client));
	}

	synchronized int size() {
		return this.failures.size();
	}

	private static String key(String username, String client) {
		byte[] name = String.valueOf(username).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
		String digest = HexFormat.of().formatHex(SHA_256.get().digest(name));
		String address = String.valueOf(client);
		return digest + "|" + ((address.length() > 64) ? address.substring(0, 64) : address);
	}

	private record Failures(int count, long lockedUntil) {
	}

}
