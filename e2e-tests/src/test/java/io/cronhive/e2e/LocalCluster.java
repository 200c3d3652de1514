package io.cronhive.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A whole cronhive cluster of separate JVMs on ephemeral ports: registry, admin-service, masters, workers and
 * the gateway, sharing a freshly generated cluster secret and admin password, and one database (the embedded
 * H2 file database unless a JDBC URL is given).
 */
final class LocalCluster implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

	private final Path dir;

	private final String dbUrl;

	private final String clusterSecret = random(48);

	private final String adminPassword = "e2e-" + random(18);

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private int registryPort;

	private ServiceProcess gateway;

	LocalCluster(Path dir, String dbUrl) {
		this.dir = dir;
		this.dbUrl = dbUrl;
	}

	LocalCluster startRegistry() throws Exception {
		this.registryPort = freePort();
		add(ServiceProcess.start("registry", "registry", this.registryPort, Map.of(), List.of(), logs()));
		this.services.get("registry").awaitHealthy(START_TIMEOUT);
		return this;
	}

	LocalCluster startAdmin() throws Exception {
		add(ServiceProcess.start("admin-service", "admin-service", freePort(), env(), List.of(), logs()))
			.awaitHealthy(START_TIMEOUT);
		return this;
	}

	ServiceProcess startMaster(String name) throws Exception {
		return add(ServiceProcess.start(name, "master-service", freePort(), env(), List.of(), logs()));
	}

	ServiceProcess startWorker(String name, String tag) throws Exception {
		Map<String, String> env = env();
		env.put("CRONHIVE_WORKER_NAME", name);
		env.put("CRONHIVE_WORKER_HOST", "127.0.0.1");
		if (tag != null) {
			env.put("CRONHIVE_WORKER_TAG", tag);
		}
		// Each agent owns its data directory (spool, journal, run directories) and refuses to share it.
		env.put("CRONHIVE_WORKER_DATA_DIR", this.dir.resolve(name).toString());
		return add(ServiceProcess.start(name, "worker-agent", freePort(), env, List.of(), logs()));
	}

	LocalCluster startGateway() throws Exception {
		return startGateway(List.of());
	}

	/** The gateway with extra command-line arguments (e.g. serving the console from another directory). */
	LocalCluster startGateway(List<String> args) throws Exception {
		this.gateway = add(ServiceProcess.start("gateway", "gateway", freePort(), env(), args, logs()));
		this.gateway.awaitHealthy(START_TIMEOUT);
		return this;
	}

	/** Waits for every started service to be healthy. */
	LocalCluster awaitAllHealthy() throws InterruptedException {
		for (ServiceProcess service : this.services.values()) {
			service.awaitHealthy(START_TIMEOUT);
		}
		return this;
	}

	ServiceProcess service(String name) {
		return this.services.get(name);
	}

	String gatewayUrl() {
		return this.gateway.baseUrl();
	}

	String adminPassword() {
		return this.adminPassword;
	}

	/**
	 * A client of the gateway signed in as the first admin, once logins reach admin-service through it (the
	 * gateway finds admin-service in the registry a little after both are healthy).
	 */
	ApiClient adminApi() throws Exception {
		ApiClient api = new ApiClient(gatewayUrl());
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().pollInterval(Duration.ofMillis(500))
			.until(() -> api.send("POST", "/v1/auth/login", "{\"username\":\"admin\",\"password\":\""
					+ this.adminPassword + "\"}").status() == 200);
		return api.login("admin", this.adminPassword);
	}

	String clusterSecret() {
		return this.clusterSecret;
	}

	/** Everything the services logged, for a failed assertion's message. */
	String logTails() {
		StringBuilder out = new StringBuilder();
		for (ServiceProcess service : this.services.values()) {
			out.append("\n===== ").append(service.name()).append(" =====\n").append(service.logTail(30));
		}
		return out.toString();
	}

	private Map<String, String> env() {
		Map<String, String> env = new HashMap<>();
		env.put("CRONHIVE_REGISTRY_URL", "http://127.0.0.1:" + this.registryPort + "/eureka/");
		env.put("CRONHIVE_CLUSTER_SECRET", this.clusterSecret);
		env.put("CRONHIVE_ADMIN_PASSWORD", this.adminPassword);
		if (this.dbUrl != null) {
			env.put("CRONHIVE_DB_URL", this.dbUrl);
			env.put("CRONHIVE_DB_USERNAME", "root");
			env.put("CRONHIVE_DB_PASSWORD", "");
		}
		else {
			env.put("CRONHIVE_DATA_DIR", this.dir.resolve("data").toString());
		}
		return env;
	}

	private ServiceProcess add(ServiceProcess service) {
		this.services.put(service.name(), service);
		return service;
	}

	private Path logs() throws IOException {
		return Files.createDirectories(this.dir.resolve("logs"));
	}

	/** A fresh directory under target/e2e for one test class's logs and data. */
	static Path workDirFor(Class<?> testClass) {
		return Path.of("target", "e2e", testClass.getSimpleName() + "-" + System.currentTimeMillis()).toAbsolutePath();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		new SecureRandom().nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	@Override
	public void close() throws InterruptedException {
		List<ServiceProcess> reversed = new ArrayList<>(this.services.values());
		java.util.Collections.reverse(reversed);
		for (ServiceProcess service : reversed) {
			service.close();
		}
	}

}
