package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	final MovableClock clock = new MovableClock();

	final LoginThrottle throttle = new LoginThrottle(this.clock);

	@Test
	void fiveFailuresAreFreeThenTheLockoutDoubles() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.failed("admin", "10.0.0.1");
		}
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isZero();
		this.throttle.failed("admin", "10.0.0.1");
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
		this.clock.move(Duration.ofSeconds(1));
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isZero();
		this.throttle.failed("admin", "10.0.0.1");
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void lockoutIsCappedAtFifteenMinutes() {
		for (int i = 0; i < 40; i++) {
			this.throttle.failed("admin", "10.0.0.1");
		}
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void otherClientsAndSuccessAreNotLockedOut() {
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("Admin", "10.0.0.1");
		}
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isPositive();
		assertThat(this.throttle.lockedFor("admin", "10.0.0.2")).isZero();
		this.throttle.succeeded("admin", "10.0.0.1");
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isZero();
	}

	@Test
	void throttleStaysBoundedWhateverNamesAreSprayed() {
		String longName = "x".repeat(100_000);
		for (int i = 0; i < LoginThrottle.MAX_ENTRIES + 500; i++) {
			this.throttle.failed(longName + i, "10.0.0.9");
		}
		assertThat(this.throttle.size()).isEqualTo(LoginThrottle.MAX_ENTRIES);
	}

	@Test
	void lockedClientStaysLockedWhileOthersSprayNames() {
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("admin", "10.0.0.1");
		}
		for (int i = 0; i < LoginThrottle.MAX_ENTRIES - 1; i++) {
			this.throttle.failed("spray-" + i, "10.0.0.2");
			if (i % 1000 == 0) {
				assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isPositive();
			}
		}
		assertThat(this.throttle.lockedFor("admin", "10.0.0.1")).isPositive();
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void move(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
