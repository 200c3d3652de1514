package io.cronhive.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service jar running as its own JVM, as an operator would start it: its own environment, its own log
 * file, killed with SIGKILL when a test wants a crash rather than a shutdown.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static ServiceProcess start(String name, String module, int port, Map<String, String> env, List<String> args,
			Path logDir) throws IOException {
		Path jar = jarOf(module);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + ": build the services first (./mvnw verify builds them before this module)");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		command.addAll(args);
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(env);
		builder.environment().put("PORT", Integer.toString(port));
		return new ServiceProcess(name, port, log, builder.start());
	}

	static Path jarOf(String module) {
		Path root = Path.of(System.getProperty("cronhive.root", ".."));
		return root.resolve(module).resolve("target").resolve(module + "-" + System.getProperty("cronhive.version", "0.1.0-SNAPSHOT") + ".jar");
	}

	/** Waits until the actuator health endpoint says UP; fails with the log's tail if the process died. */
	ServiceProcess awaitHealthy(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + logTail(40));
			}
			try {
				HttpResponse<String> response = HTTP.send(
						HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + ":\n" + logTail(40));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** A crash: SIGKILL, no shutdown hooks, nothing flushed. */
	void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

}
