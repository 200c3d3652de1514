package io.cronhive.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API as a hostile client meets it through the gateway: thousands of requests generated from the OpenAPI
 * document (seeded, so every run sends the same ones) get no 5xx, a problem document with every 4xx, and change
 * nothing unless they are answered 2xx. And the login throttle counts the address the gateway saw, whatever
 * {@code X-Forwarded-For} the caller sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputE2ETests {

	static final long SEED = 18;

	static final int RANDOM_COMBINATIONS_PER_OPERATION = 40;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AtomicInteger unique = new AtomicInteger();

	private LocalCluster cluster;

	private ApiClient api;

	private RawHttp raw;

	private String token;

	private final Map<String, Long> ids = new LinkedHashMap<>();

	private final String userPassword = "Fuzz-password-" + System.nanoTime();

	private String userName;

	@BeforeAll
	void startCluster() throws Exception {
		this.cluster = new LocalCluster(LocalCluster.workDirFor(getClass()), null).startRegistry().startAdmin();
		this.cluster.startGateway().awaitAllHealthy();
		this.api = new ApiClient(this.cluster.gatewayUrl());
		this.raw = new RawHttp(this.cluster.gatewayUrl());
		await("gateway routes to admin-service").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> this.api.send("POST", "/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + this.cluster.adminPassword() + "\"}").status() == 200);
		this.api.login("admin", this.cluster.adminPassword());
		this.token = this.api.post("/v1/auth/login",
				Map.of("username", "admin", "password", this.cluster.adminPassword())).json().get("token").asString();
		seed();
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	/** One of each resource, for the operations on {@code /{id}}; a user of its own, so the admin stays intact. */
	private void seed() throws Exception {
		this.userName = "fz-user-" + System.nanoTime();
		this.ids.put("users", created("/v1/users", Map.of("username", this.userName, "password", this.userPassword,
				"role", "operator")));
		this.ids.put("workers", created("/v1/workers", Map.of("name", "fz-worker", "srvName", "fz-srv", "host",
				"127.0.0.1", "tag", "fz")));
		this.ids.put("worker-groups", created("/v1/worker-groups", Map.of("name", "fz-group", "tags", List.of("fz"))));
		this.ids.put("jobs", created("/v1/jobs", Map.of("name", "fz-job", "cron", "0 0 3 * * ?", "type", "shell",
				"target", "echo fuzz")));
		this.ids.put("auth", created("/v1/auth/tokens", Map.of("name", "fz-token", "ttlDays", 30)));
		this.ids.put("scheduler-logs", created("/v1/jobs/" + this.ids.get("jobs") + "/runs", null));
	}

	private long created(String path, Object body) throws Exception {
		ApiClient.Response response = this.api.send("POST", path, (body != null) ? JSON.writeValueAsString(body) : null);
		assertThat(response.status()).as("seeding %s: %s", path, response.body()).isBetween(200, 299);
		return response.json().get("id").asLong();
	}

	@Test
	void generatedHostileRequestsGetNoServerErrorAProblemForEachRefusalAndChangeNothing() throws Exception {
		JsonNode document = JSON.readTree(this.api.get("/v1/openapi").body());
		List<HostileRequests.Operation> operations = HostileRequests.operations(document);
		assertThat(operations).hasSizeGreaterThanOrEqualTo(36);
		HostileRequests generator = new HostileRequests(SEED, this::fillPath, this::validBody);
		Map<String, Integer> outcomes = new TreeMap<>();
		List<String> serverErrors = new ArrayList<>();
		List<String> notProblems = new ArrayList<>();
		List<String> partialWrites = new ArrayList<>();
		Snapshots snapshots = new Snapshots();
		int sent = 0;
		long started = System.nanoTime();
		for (HostileRequests.Operation operation : operations) {
			for (HostileRequests.Probe probe : generator.probes(operation, RANDOM_COMBINATIONS_PER_OPERATION)) {
				String before = probe.isWrite() ? snapshots.of(probe) : null;
				RawHttp.Response response = send(probe);
				sent++;
				outcomes.merge(bucket(response.status()), 1, Integer::sum);
				if (response.status() < 0 || response.status() >= 500) {
					serverErrors.add(response.status() + " " + probe);
				}
				else if (response.status() >= 400 && !response.isProblem()) {
					notProblems.add(response.status() + " " + response.contentType() + " " + probe);
				}
				if (before != null) {
					boolean audited = response.status() >= 200 && response.status() <= 299
							&& !probe.operation().path().equals("/v1/auth/login");
					String after = snapshots.refresh(probe, audited);
					if ((response.status() < 200 || response.status() > 299) && !after.equals(before)) {
						partialWrites.add(response.status() + " " + probe);
					}
				}
			}
		}
		String report = String.format(
				"%d generated requests (seed %d) in %d s: %s; 5xx or no answer %d, 4xx without problem+json %d, "
						+ "partial writes %d",
				sent, SEED, Duration.ofNanos(System.nanoTime() - started).toSeconds(), outcomes, serverErrors.size(),
				notProblems.size(), partialWrites.size());
		System.out.println("[hostile-input] " + report);
		String admin = this.cluster.service("admin-service").log();
		int total = sent;
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(total).isGreaterThan(2000);
			softly.assertThat(serverErrors).as("5xx or no answer; " + report).isEmpty();
			softly.assertThat(notProblems).as("4xx without problem+json; " + report).isEmpty();
			softly.assertThat(partialWrites).as("refused but written; " + report).isEmpty();
			softly.assertThat(admin).as("request failures in admin-service's log")
				.doesNotContain("Unexpected failure while handling a request")
				.doesNotContain("threw exception");
			softly.assertThat(admin).as("forged log lines").doesNotContainPattern("\nFORGED-LINE");
		});
	}

	@Test
	void spoofedForwardedForNeitherResetsTheLoginThrottleNorLocksOutAnotherAddress() throws Exception {
		String name = "fz-victim-" + System.nanoTime();
		int lastStatus = 0;
		for (int i = 0; i <= 7; i++) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Content-Type", "application/json");
			headers.put("X-Forwarded-For", "198.51.100." + i);
			lastStatus = this.raw.send("POST", "/v1/auth/login", headers,
					("{\"username\":\"" + name + "\",\"password\":\"wrong-" + i + "\"}").getBytes(StandardCharsets.UTF_8))
				.status();
		}
		assertThat(lastStatus).as("the eighth failure from one address, each claiming another").isEqualTo(429);
	}

	@Test
	void methodsNobodyRoutesAreRefusedWith405ProblemAtTheGateway() throws Exception {
		for (String method : List.of("CONNECT", "TRACE", "PROPFIND")) {
			RawHttp.Response response = this.raw.send(method, "/v1/jobs",
					Map.of("Authorization", "Bearer " + this.token), null);
			assertThat(response.status()).as(method).isEqualTo(405);
			assertThat(response.isProblem()).as(method).isTrue();
		}
	}

	@Test
	void openApiDocumentPointsAtTheHostThatServedIt() throws Exception {
		JsonNode servers = JSON.readTree(this.api.get("/v1/openapi").body()).get("servers");
		assertThat(servers.get(0).get("url").asString()).isEqualTo("/");
	}

	private RawHttp.Response send(HostileRequests.Probe probe) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(probe.headers());
		headers.put("Authorization", "Bearer " + this.token);
		byte[] body = probe.body();
		if (body != null && new String(body, StandardCharsets.UTF_8).contains(HostileRequests.VERSION)) {
			body = new String(body, StandardCharsets.UTF_8)
				.replace(HostileRequests.VERSION, String.valueOf(currentVersion(probe.target())))
				.getBytes(StandardCharsets.UTF_8);
		}
		return this.raw.send(probe.method(), probe.target(), headers, body);
	}

	private long currentVersion(String target) throws Exception {
		ApiClient.Response response;
		try {
			response = this.api.get(target.contains("?") ? target.substring(0, target.indexOf('?')) : target);
		}
		catch (IllegalArgumentException ex) {
			return 0; // a target no well-behaved client can even form: it reads nothing
		}
		return (response.status() == 200 && response.json().has("version")) ? response.json().get("version").asLong()
				: 0;
	}

	private String fillPath(String template) {
		String[] segments = template.split("/");
		Long id = this.ids.getOrDefault(segments.length > 2 ? segments[2] : "", 1L);
		return template.replaceAll("\\{[^}]+}", String.valueOf(id));
	}

	/** A request the operation would accept, unique each time so a create never fails as a duplicate. */
	private String validBody(HostileRequests.Operation operation) {
		int n = this.unique.incrementAndGet();
		String version = "\"version\":" + HostileRequests.VERSION;
		return switch (operation.schema()) {
			case "JobRequest" -> "{\"name\":\"fz-job-" + n + "\",\"cron\":\"0 0 3 * * ?\",\"type\":\"shell\","
					+ "\"target\":\"echo fuzz\"" + (operation.method().equals("PUT") ? "," + version : "") + "}";
			case "WorkerRequest" -> "{\"name\":\"fz-worker-" + n + "\",\"srvName\":\"fz-srv\",\"host\":\"127.0.0.1\""
					+ (operation.method().equals("PUT") ? "," + version : "") + "}";
			case "WorkerGroupRequest" -> "{\"name\":\"fz-group-" + n + "\",\"tags\":[\"fz\"]"
					+ (operation.method().equals("PUT") ? "," + version : "") + "}";
			case "CreateUserRequest" -> "{\"username\":\"fz-user-" + n + "\",\"password\":\"" + this.userPassword
					+ "\",\"role\":\"viewer\"}";
			case "UpdateUserRequest" -> "{\"role\":\"" + ((n % 2 == 0) ? "viewer" : "operator") + "\"," + version + "}";
			case "ChangePasswordRequest" -> "{\"currentPassword\":\"not-the-current-one\",\"newPassword\":\""
					+ this.userPassword + "-new\"}";
			case "ScheduleRequest" -> "{\"jobIds\":[" + this.ids.get("jobs") + "]"
					+ (operation.method().equals("POST") ? ",\"startAt\":\"2030-01-01T00:00:00Z\"" : "") + "}";
			case "CreateApiTokenRequest" -> "{\"name\":\"fz-token-" + n + "\",\"ttlDays\":30}";
			case "LoginRequest" -> "{\"username\":\"" + this.userName + "\",\"password\":\"" + this.userPassword + "\"}";
			default -> "{}";
		};
	}

	private static String bucket(int status) {
		return (status < 0) ? "no answer" : (status / 100) + "xx";
	}

	/**
	 * What a write could have changed, read back through the API: the resource list of the probe's area (totals,
	 * ids, versions, flags) and the number of audit events.
	 */
	private final class Snapshots {

		private final Map<String, String> last = new LinkedHashMap<>();

		private String audit = "";

		/** The area's list as last read, and the audit events as counted now (other areas' writes add some). */
		String of(HostileRequests.Probe probe) throws Exception {
			String area = area(probe.operation().path());
			String known = this.last.get(area);
			if (known == null || this.audit.isEmpty()) {
				return refresh(probe);
			}
			return known + " audit " + this.audit;
		}

		String refresh(HostileRequests.Probe probe) throws Exception {
			return refresh(probe, false);
		}

		/**
		 * Reads the area again; after an audited write, first waits for its audit event, which the audit filter
		 * records after the answer may already have been sent.
		 */
		String refresh(HostileRequests.Probe probe, boolean audited) throws Exception {
			String area = area(probe.operation().path());
			String audit = read("/v1/audit-events?size=1");
			long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (audited && audit.equals(this.audit) && System.nanoTime() < deadline) {
				Thread.sleep(20);
				audit = read("/v1/audit-events?size=1");
			}
			this.audit = audit;
			String list = read(listOf(area));
			this.last.put(area, list);
			return list + " audit " + audit;
		}

		private String read(String path) throws Exception {
			ApiClient.Response response = HostileInputE2ETests.this.api.get(path);
			if (response.status() != 200) {
				return "status=" + response.status();
			}
			JsonNode page = response.json();
			StringBuilder digest = new StringBuilder("total=").append(page.path("total").asLong(0));
			if (!path.startsWith("/v1/audit-events")) {
				for (JsonNode item : page.path("items")) {
					// Not the version: the group status refresher bumps it behind the test's back; a change shows in these.
					digest.append(' ').append(item.path("id"));
					for (String flag : List.of("name", "username", "revoked", "scheduled", "notBefore", "role", "enabled",
							"state", "killRequestedAt")) {
						if (item.has(flag)) {
							digest.append(flag.charAt(0)).append(item.get(flag));
						}
					}
				}
			}
			return digest.toString();
		}

		private static String area(String path) {
			if (path.startsWith("/v1/jobs/{id}/runs") || path.startsWith("/v1/scheduler-logs")) {
				return "scheduler-logs";
			}
			if (path.startsWith("/v1/schedulers")) {
				return "jobs";
			}
			if (path.startsWith("/v1/auth/login")) {
				return "users";
			}
			String[] segments = path.split("/");
			return (segments.length > 2) ? segments[2] + (path.startsWith("/v1/auth/tokens") ? "/tokens" : "") : "jobs";
		}

		private static String listOf(String area) {
			return "/v1/" + area + "?size=500";
		}

	}

}
