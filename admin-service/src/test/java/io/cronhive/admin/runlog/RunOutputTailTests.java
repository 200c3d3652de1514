package io.cronhive.admin.runlog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.common.signing.SignatureVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tailing a run's output: from a fake worker that checks the signature while it runs, stored once it ended. */
@DataJpaTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:run-output;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.jpa.hibernate.ddl-auto=validate", "cronhive.cluster-secret=" + RunOutputTailTests.SECRET })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ RunOutputTail.class, WorkerOutputClient.class, RunOutputTailTests.Beans.class })
class RunOutputTailTests {

	static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";

	@Autowired
	RunOutputTail tail;

	@Autowired
	JdbcClient jdbc;

	HttpServer worker;

	final List<String> verdicts = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startWorker() throws IOException {
		SignatureVerifier verifier = new SignatureVerifier(ClusterSecret.of(SECRET), Clock.systemUTC(),
				Duration.ofSeconds(60));
		this.worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.worker.createContext("/internal/runs/", (exchange) -> {
			var headers = exchange.getRequestHeaders();
			String pathAndQuery = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
			this.verdicts.add(verifier
				.verify("GET", pathAndQuery, new byte[0], headers.getFirst(SignatureHeaders.TIMESTAMP),
						headers.getFirst(SignatureHeaders.NONCE), headers.getFirst(SignatureHeaders.SIGNATURE))
				.name());
			byte[] body = ("{\"runId\":5,\"offset\":6,\"nextOffset\":12,\"data\":\"line 2\",\"finished\":false}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.worker.start();
	}

	@AfterEach
	void stopWorker() {
		this.worker.stop(0);
	}

	@Test
	void runningRunIsReadFromItsWorkerWithASignedRequest() {
		this.jdbc.sql("INSERT INTO workers (name, srv_name, host, port, instance_id, online, created_at, updated_at) "
				+ "VALUES ('w1', 'worker', '127.0.0.1', ?, 'w1:1', TRUE, 0, 0)")
			.param(this.worker.getAddress().getPort())
			.update();
		long id = run("dispatched", "w1:1", null);

		RunOutputSlice slice = this.tail.read(id, 6);

		assertThat(slice).extracting("offset", "nextOffset", "data", "finished", "source")
			.containsExactly(6L, 12L, "line 2", false, "worker");
		assertThat(this.verdicts).containsExactly("VALID");
	}

	@Test
	void finishedRunIsReadFromTheStoredOutputByByteOffset() {
		long id = run("finished", "gone:1", "héllo\nworld\n");

		RunOutputSlice slice = this.tail.read(id, 7);

		assertThat(slice).extracting("offset", "nextOffset", "data", "finished", "source")
			.containsExactly(7L, 13L, "world\n", true, "stored");
		assertThat(this.verdicts).isEmpty();
	}

	@Test
	void runNotDispatchedYetHasNoOutputAndIsNotFinished() {
		long id = run("requested", null, null);

		assertThat(this.tail.read(id, 0)).extracting("data", "finished", "source").containsExactly("", false, "pending");
	}

	private long run(String state, String instance, String output) {
		this.jdbc.sql("""
				INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at,
				  epoch, trigger_kind, worker_instance, output)
				VALUES (1, '0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11', 'job', 'shell', ?, 1, 0, 0, 1, 'cron', ?, ?)""")
			.params(state, instance, output)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM run_logs").query(Long.class).single();
	}

	@TestConfiguration
	static class Beans {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

}
