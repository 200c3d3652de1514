package io.cronhive.common.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogStormTests {

	private final AtomicLong now = new AtomicLong();

	private final LogStorm storm = new LogStorm(Duration.ofSeconds(10), this.now::get);

	@Test
	void firstOccurrenceLogsAtOnceWithItsTrace() {
		assertThat(this.storm.occurred("timeout", 3)).isEqualTo(new LogStorm.Line(3, true));
	}

	@Test
	void stormLogsOneLinePerIntervalCarryingTheCount() {
		this.storm.occurred("timeout");
		int lines = 0;
		for (int i = 0; i < 1000; i++) {
			this.now.addAndGet(Duration.ofMillis(5).toNanos());
			if (this.storm.occurred("timeout") != null) {
				lines++;
			}
		}
		assertThat(lines).isZero();
		this.now.addAndGet(Duration.ofSeconds(6).toNanos());
		assertThat(this.storm.occurred("timeout")).isEqualTo(new LogStorm.Line(1001, false));
		assertThat(this.storm.occurred("timeout")).isNull();
	}

	@Test
	void kindsAreCountedApart() {
		this.storm.occurred("timeout");
		assertThat(this.storm.occurred("refused")).isEqualTo(new LogStorm.Line(1, true));
		assertThat(this.storm.occurred("timeout")).isNull();
	}

	@Test
	void tableOfKindsStaysBounded() {
		for (int i = 0; i < LogStorm.MAX_KINDS + 10; i++) {
			this.storm.occurred("kind-" + i);
		}
		// The oldest kinds were forgotten: they log at once again, as a first line.
		assertThat(this.storm.occurred("kind-0")).isEqualTo(new LogStorm.Line(1, true));
		assertThat(this.storm.occurred("kind-" + (LogStorm.MAX_KINDS + 9))).isNull();
	}

}
