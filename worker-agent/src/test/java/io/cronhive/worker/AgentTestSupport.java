package io.cronhive.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One running agent shared by the integration tests (one Spring context): Eureka off, masters found through
 * the simple discovery client pointing at a {@link FakeMaster}, state in a fresh temporary directory.
 */
@SpringBootTest(classes = WorkerAgentApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "cronhive.cluster-secret=" + AgentTestSupport.SECRET,
				"cronhive.worker.name=test-worker", "cronhive.worker.host=127.0.0.1",
				"cronhive.worker.max-concurrent-runs=4", "cronhive.worker.kill-grace=1s",
				"cronhive.worker.output-cap-bytes=4KB", "cronhive.worker.report-backoff-max=1s" })
public abstract class AgentTestSupport {

	public static final String SECRET = "test-cluster-secret-0123456789-abcdefghij";

	/** Every test dispatches with this epoch; a lower one is a deposed leader. */
	protected static final long EPOCH = 1000;

	protected static final String CLUSTER = "cluster-a";

	protected static final FakeMaster master = startMaster();

	protected static final Path dataDir = tempDir("cronhive-agent-");

	/** Where scripts leave traces the tests look for. */
	protected static final Path marks = tempDir("cronhive-marks-");

	private static final AtomicLong runIds = new AtomicLong(1000);

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("cronhive.worker.data-dir", dataDir::toString);
		registry.add("spring.cloud.discovery.client.simple.instances.master-service[0].uri", master::uri);
	}

	protected SignedClient client() {
		return new SignedClient("http://127.0.0.1:" + this.port, SECRET);
	}

	protected static long nextRunId() {
		return runIds.incrementAndGet();
	}

	protected static RunRequest request(long runId, JobType type, String target) {
		return request(runId, type, target, Map.of(), 0);
	}

	protected static RunRequest request(long runId, JobType type, String target, Map<String, String> parameters,
			long timeoutMs) {
		return new RunRequest(CLUSTER, runId, EPOCH, "job-" + runId, "test job " + runId, type, target, parameters,
				timeoutMs, System.currentTimeMillis(), 1);
	}

	/** Dispatches and asserts the agent accepted the run. */
	protected HttpResponse<String> start(RunRequest request) {
		HttpResponse<String> response = client().dispatch(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return response;
	}

	protected static RunReport awaitReport(long runId) {
		await().atMost(Duration.ofSeconds(30)).until(() -> master.report(runId) != null);
		return master.report(runId);
	}

	protected static String mark(String name) {
		return marks.resolve(name).toString();
	}

	private static FakeMaster startMaster() {
		try {
			return new FakeMaster(SECRET);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
