package io.cronhive.master.dispatch;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerHealthTests {

	private final WorkerHealth health = new WorkerHealth(4, Duration.ofMinutes(5));

	@AfterEach
	void close() {
		this.health.close();
	}

	@Test
	void aRefusedConnectionTakesTheWorkerOutAtOnceAndItComesBackWhenItAnswers() throws Exception {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		WorkerInstance worker = new WorkerInstance("w1", "worker-agent", URI.create("http://127.0.0.1:" + port),
				"127.0.0.1", "w1", null);
		assertThat(this.health.isSelectable(worker)).isTrue();

		this.health.unreachable(worker);

		// The registry would list it for another 12 s; the breaker's own wait here is 5 minutes.
		assertThat(this.health.isSelectable(worker)).isFalse();
		try (ServerSocket restarted = new ServerSocket()) {
			restarted.bind(new InetSocketAddress("127.0.0.1", port));
			await().atMost(Duration.ofSeconds(2)).until(() -> this.health.isSelectable(worker));
		}
	}

	@Test
	void aWorkerThatStaysDownStaysOut() throws Exception {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		WorkerInstance worker = new WorkerInstance("w2", "worker-agent", URI.create("http://127.0.0.1:" + port),
				"127.0.0.1", "w2", null);

		this.health.unreachable(worker);

		await().during(Duration.ofMillis(3 * WorkerHealth.PROBE_INTERVAL_MS)).atMost(Duration.ofSeconds(3))
			.until(() -> !this.health.isSelectable(worker));
	}

}
