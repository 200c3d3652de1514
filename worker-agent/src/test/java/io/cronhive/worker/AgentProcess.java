package io.cronhive.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A worker agent started as a separate JVM, so tests can SIGKILL or SIGTERM it like an operator would. */
public final class AgentProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private AgentProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	public static AgentProcess start(Path dataDir, String masterUri, Path log, String... extraArgs)
			throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				WorkerAgentApplication.class.getName(), "--server.port=" + port, "--eureka.client.enabled=false",
				"--cronhive.worker.data-dir=" + dataDir, "--cronhive.worker.name=process-worker",
				"--cronhive.worker.host=127.0.0.1", "--cronhive.worker.kill-grace=1s",
				"--cronhive.worker.report-backoff-max=1s",
				"--spring.cloud.discovery.client.simple.instances.master-service[0].uri=" + masterUri));
		command.addAll(List.of(extraArgs));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("CRONHIVE_CLUSTER_SECRET", AgentTestSupport.SECRET);
		AgentProcess agent = new AgentProcess(builder.start(), port);
		agent.awaitHealthy();
		return agent;
	}

	public SignedClient client() {
		return new SignedClient("http://127.0.0.1:" + this.port, AgentTestSupport.SECRET);
	}

	/** SIGKILL: no shutdown hook, no chance to flush anything. */
	public void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** SIGTERM, as systemd stops a service; returns the exit code. */
	public int terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("agent did not stop within " + timeout);
		}
		return this.process.exitValue();
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private void awaitHealthy() {
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("agent exited with " + this.process.exitValue());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
