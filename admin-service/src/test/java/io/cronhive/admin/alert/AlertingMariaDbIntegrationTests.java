package io.cronhive.admin.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerting end to end inside admin-service on MariaDB: run rows as masters write them, the evaluator, the
 * outbox, a real local webhook receiver and a real SMTP server (GreenMail). The scheduled ticks are slowed to an
 * hour so each test drives them itself.
 */
@ApiIntegrationTest
class AlertingMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("alerts");

	static final String SECRET = "a-webhook-secret-for-tests-only";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	static final WebhookReceiver receiver = receiver();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("cronhive.alert.evaluate-interval", () -> "1h");
		registry.add("cronhive.alert.deliver-interval", () -> "1h");
		registry.add("cronhive.alert.retry-backoff", () -> "1ms");
		registry.add("cronhive.alert.max-attempts", () -> "3");
		registry.add("cronhive.alert.mail-from", () -> "alerts@cronhive.test");
	}

	@AfterAll
	static void cleanUp() {
		receiver.close();
		database.drop();
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AlertEvaluator evaluator;

	@Autowired
	DeliveryWorker worker;

	@BeforeEach
	void settle() {
		// Whatever earlier tests left is read and delivered now, so each test sees only its own alerts.
		this.evaluator.evaluate();
		this.worker.deliverDue();
	}

	@Test
	void failureAlertsOncePerIncidentByWebhookAndEmailThenTheAllClearFollows() throws Exception {
		Job job = job("nightly");
		String path = "/hooks/" + job.id();
		long hook = channel("{\"name\":\"hook-" + job.id() + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path)
				+ "\",\"secret\":\"" + SECRET + "\"}");
		long mail = channel("{\"name\":\"mail-" + job.id() + "\",\"type\":\"email\",\"recipients\":[\"ops@example.com\"]}");
		rule("{\"name\":\"failed-" + job.id() + "\",\"kind\":\"run_failed\",\"jobId\":" + job.id() + ",\"channelIds\":["
				+ hook + "," + mail + "]}");

		int mailsBefore = smtp.getReceivedMessages().length;
		long first = run(job, "cron", 4, 2, "exit code 3");
		tick();
		assertThat(receiver.calls(path)).hasSize(1);
		WebhookReceiver.Call firing = receiver.calls(path).get(0);
		assertThat(JsonPath.<String>read(firing.body(), "$.event")).isEqualTo("firing");
		assertThat(JsonPath.<String>read(firing.body(), "$.summary"))
			.isEqualTo("Job '" + job.name() + "' (" + job.id() + "): run " + first + " failed: exit code 3");
		assertThat(JsonPath.<String>read(firing.body(), "$.subject.name")).isEqualTo(job.name());
		String timestamp = firing.headers().get("X-Cronhive-Timestamp");
		assertThat(firing.headers().get("X-Cronhive-Signature"))
			.isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(timestamp), firing.body()));
		MimeMessage email = awaitEmails(mailsBefore + 1).get(mailsBefore);
		assertThat(email.getSubject()).startsWith("[cronhive FIRING] Job '" + job.name() + "'");
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
		assertThat(GreenMailUtil.getBody(email)).contains("Rule: failed-" + job.id() + " (run_failed");

		// The same incident: another failure and an idle tick send nothing.
		run(job, "cron", 4, 2, "exit code 3");
		tick();
		tick();
		assertThat(receiver.calls(path)).hasSize(1);
		assertThat(smtp.getReceivedMessages()).hasSize(mailsBefore + 1);

		long fixed = run(job, "cron", 2, 1, null);
		tick();
		assertThat(receiver.calls(path)).hasSize(2);
		WebhookReceiver.Call resolved = receiver.calls(path).get(1);
		assertThat(JsonPath.<String>read(resolved.body(), "$.event")).isEqualTo("resolved");
		assertThat(JsonPath.<Integer>read(resolved.body(), "$.incidentId"))
			.isEqualTo(JsonPath.<Integer>read(firing.body(), "$.incidentId"));
		assertThat(JsonPath.<String>read(resolved.body(), "$.summary")).endsWith("run " + fixed + " succeeded");
		assertThat(awaitEmails(mailsBefore + 2).get(mailsBefore + 1).getSubject()).startsWith("[cronhive RESOLVED]");

		MvcTestResult history = this.mvc.get().uri("/v1/alerts?jobId=" + job.id()).exchange();
		assertThat(history).hasStatusOk().bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(1))
			.hasPathSatisfying("$.items[0].state", (s) -> assertThat(s).asString().isEqualTo("resolved"))
			.hasPathSatisfying("$.items[0].occurrences", (o) -> assertThat(o).asNumber().isEqualTo(2));
		int incident = JsonPath.read(history.getResponse().getContentAsString(), "$.items[0].id");
		assertThat(this.mvc.get().uri("/v1/alerts/" + incident)).hasStatusOk().bodyJson()
			.hasPathSatisfying("$.deliveries[*].status", (s) -> assertThat(s).asArray().containsOnly("sent").hasSize(4))
			.hasPathSatisfying("$.deliveries[*].event", (e) -> assertThat(e).asArray()
				.containsExactlyInAnyOrder("firing", "firing", "resolved", "resolved"));
	}

	@Test
	void secretIsAnsweredOnceAtCreationAndNeverAgain() {
		MvcTestResult created = this.mvc.post().uri("/v1/alert-channels").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"generated-" + UUID.randomUUID() + "\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/a\"}")
			.exchange();
		assertThat(created).hasStatus(201).bodyJson()
			.hasPathSatisfying("$.secret", (s) -> assertThat(s).asString().hasSizeGreaterThanOrEqualTo(40));
		String location = created.getResponse().getHeader("Location");
		assertThat(this.mvc.get().uri(location)).hasStatusOk().bodyJson()
			.doesNotHavePath("$.secret")
			.hasPathSatisfying("$.secretSet", (s) -> assertThat(s).asBoolean().isTrue());
		assertThat(this.mvc.get().uri("/v1/alert-channels")).hasStatusOk().bodyJson().doesNotHavePath("$.items[0].secret");
	}

	@Test
	void skippedSlotOpensMissedFireAndAnOnTimeRunClearsIt() {
		Job job = job("every-minute");
		String path = "/missed/" + job.id();
		long hook = channel("{\"name\":\"missed-" + job.id() + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}");
		rule("{\"name\":\"missed-" + job.id() + "\",\"kind\":\"missed_fire\",\"jobId\":" + job.id() + ",\"channelIds\":[" + hook + "]}");
		run(job, "cron", 4, 2, "skipped by the job's misfire policy (skip): every candidate worker was busy for 2.0 s");
		tick();
		assertThat(receiver.calls(path)).singleElement()
			.satisfies((c) -> assertThat(JsonPath.<String>read(c.body(), "$.summary")).contains("did not run: skipped by the job's misfire policy"));
		run(job, "cron", 2, 1, null);
		tick();
		assertThat(receiver.calls(path)).hasSize(2);
		assertThat(JsonPath.<String>read(receiver.calls(path).get(1).body(), "$.event")).isEqualTo("resolved");
	}

	@Test
	void groupWithoutOnlineWorkerAlertsAndRecovers() {
		String name = "east-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("INSERT INTO workers (name, host, srv_name, online, running, created_at, updated_at, version) VALUES (?, '10.0.0.9', 'w', FALSE, 0, 1, 1, 0)")
			.param(name)
			.update();
		long worker = this.jdbc.sql("SELECT id FROM workers WHERE name = ?").param(name).query(Long.class).single();
		MvcTestResult group = this.mvc.post().uri("/v1/worker-groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"workerIds\":[" + worker + "]}")
			.exchange();
		long groupId = Long.parseLong(group.getResponse().getHeader("Location").replace("/v1/worker-groups/", ""));
		String path = "/group/" + groupId;
		long hook = channel("{\"name\":\"group-" + groupId + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}");
		rule("{\"name\":\"group-" + groupId + "\",\"kind\":\"group_unhealthy\",\"groupId\":" + groupId + ",\"channelIds\":[" + hook + "]}");
		tick();
		tick();
		assertThat(receiver.calls(path)).singleElement().satisfies((c) -> {
			assertThat(JsonPath.<String>read(c.body(), "$.summary")).isEqualTo("worker group '" + name + "' (" + groupId
					+ ") has no online worker (0 of 1 member(s) online)");
			assertThat(JsonPath.<String>read(c.body(), "$.subject.type")).isEqualTo("group");
		});
		this.jdbc.sql("UPDATE workers SET online = TRUE WHERE id = ?").param(worker).update();
		tick();
		assertThat(receiver.calls(path)).hasSize(2);
		assertThat(JsonPath.<String>read(receiver.calls(path).get(1).body(), "$.summary")).contains("has an online worker again");
	}

	@Test
	void failedWebhookIsRetriedWithBackoffAndEveryAttemptIsRecorded() throws Exception {
		Job job = job("flaky");
		String path = "/flaky/" + job.id();
		long hook = channel("{\"name\":\"flaky-" + job.id() + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}");
		long dead = channel("{\"name\":\"dead-" + job.id() + "\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:1/x\"}");
		rule("{\"name\":\"flaky-" + job.id() + "\",\"kind\":\"run_failed\",\"jobId\":" + job.id() + ",\"channelIds\":[" + hook + "," + dead + "]}");
		receiver.answerNext(500);
		run(job, "cron", 4, 2, null);
		this.evaluator.evaluate();
		this.worker.deliverDue();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.worker.deliverDue();
			return receiver.calls(path).size() == 2 && "failed".equals(status(dead));
		});
		int incident = JsonPath.read(this.mvc.get().uri("/v1/alerts?jobId=" + job.id()).exchange().getResponse()
			.getContentAsString(), "$.items[0].id");
		MvcTestResult detail = this.mvc.get().uri("/v1/alerts/" + incident).exchange();
		assertThat(detail).hasStatusOk();
		String json = detail.getResponse().getContentAsString();
		assertThat(JsonPath.<List<Boolean>>read(json, "$.deliveries[?(@.channelId == " + hook + ")].attemptLog[*].ok"))
			.containsExactly(false, true);
		assertThat(JsonPath.<List<String>>read(json, "$.deliveries[?(@.channelId == " + hook + ")].attemptLog[0].detail"))
			.singleElement().asString().startsWith("HTTP 500");
		assertThat(JsonPath.<List<Integer>>read(json, "$.deliveries[?(@.channelId == " + dead + ")].attempts")).containsExactly(3);
		assertThat(JsonPath.<List<String>>read(json, "$.deliveries[?(@.channelId == " + dead + ")].lastError"))
			.singleElement().asString().startsWith("call failed");
	}

	@Test
	void twoEvaluatorsAtOnceAnnounceAnIncidentOnceAndTheRateLimitSuppressesTheRest() throws Exception {
		Job a = job("twin-a");
		Job b = job("twin-b");
		String path = "/twins/" + a.id();
		long hook = channel("{\"name\":\"twins-" + a.id() + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path)
				+ "\",\"maxPerHour\":1}");
		rule("{\"name\":\"twins-" + a.id() + "\",\"kind\":\"run_failed\",\"channelIds\":[" + hook + "],\"jobId\":" + a.id() + "}");
		rule("{\"name\":\"twins-" + b.id() + "\",\"kind\":\"run_failed\",\"channelIds\":[" + hook + "],\"jobId\":" + b.id() + "}");
		run(a, "cron", 4, 2, null);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<AlertEvaluator.Tick> tick = this.evaluator::evaluate;
			List<AlertEvaluator.Tick> ticks = pool.invokeAll(List.of(tick, tick)).stream().map((f) -> {
				try {
					return f.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
			assertThat(ticks.stream().mapToInt(AlertEvaluator.Tick::opened).sum()).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		run(b, "cron", 4, 2, null);
		tick();
		assertThat(receiver.calls(path)).hasSize(1);
		assertThat(this.jdbc.sql("SELECT status FROM alert_deliveries WHERE channel_id = ? ORDER BY id").param(hook)
			.query(String.class).list()).containsExactly("sent", "suppressed");
	}

	@Test
	void incidentOfADeletedJobEndsWithoutAnAllClear() throws Exception {
		Job job = job("short-lived");
		String path = "/deleted/" + job.id();
		long hook = channel("{\"name\":\"deleted-" + job.id() + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}");
		rule("{\"name\":\"deleted-" + job.id() + "\",\"kind\":\"run_failed\",\"jobId\":" + job.id() + ",\"channelIds\":[" + hook + "]}");
		run(job, "cron", 4, 2, null);
		tick();
		assertThat(receiver.calls(path)).hasSize(1);
		int incident = JsonPath.read(this.mvc.get().uri("/v1/alerts?state=open&jobId=" + job.id()).exchange().getResponse()
			.getContentAsString(), "$.items[0].id");
		assertThat(this.mvc.delete().uri("/v1/jobs/" + job.id()).principal(() -> "alice")).hasStatus(204);
		tick();
		assertThat(this.mvc.get().uri("/v1/alerts/" + incident)).hasStatusOk().bodyJson()
			.hasPathSatisfying("$.state", (s) -> assertThat(s).asString().isEqualTo("resolved"))
			.hasPathSatisfying("$.resolution", (r) -> assertThat(r).asString().startsWith("ended without an all-clear"));
		assertThat(receiver.calls(path)).hasSize(1);
	}

	@Test
	void testAlertArrivesSignedAndIsAnsweredWithTheOutcome() {
		String path = "/test/" + UUID.randomUUID();
		long hook = channel("{\"name\":\"test-" + path.substring(6) + "\",\"type\":\"webhook\",\"url\":\"" + receiver.url(path)
				+ "\",\"secret\":\"" + SECRET + "\"}");
		assertThat(this.mvc.post().uri("/v1/alert-channels/" + hook + "/test").principal(() -> "alice"))
			.hasStatusOk().bodyJson()
			.hasPathSatisfying("$.delivered", (d) -> assertThat(d).asBoolean().isTrue())
			.hasPathSatisfying("$.detail", (d) -> assertThat(d).asString().isEqualTo("HTTP 200"));
		assertThat(receiver.calls(path)).singleElement().satisfies((c) -> {
			assertThat(c.headers().get("X-Cronhive-Event")).isEqualTo("test");
			assertThat(JsonPath.<String>read(c.body(), "$.summary")).contains("sent by alice");
			assertThat(c.headers().get("X-Cronhive-Signature"))
				.isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(c.headers().get("X-Cronhive-Timestamp")), c.body()));
		});
		assertThat(this.mvc.get().uri("/v1/alerts/deliveries?event=test&channelId=" + hook)).hasStatusOk().bodyJson()
			.hasPathSatisfying("$.items[0].status", (s) -> assertThat(s).asString().isEqualTo("sent"));
	}

	@Test
	void ruleForAnUnknownJobOrWithoutItsThresholdIs400NamingTheFields() {
		long hook = channel("{\"name\":\"v-" + UUID.randomUUID() + "\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/v\"}");
		assertThat(this.mvc.post().uri("/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"bad\",\"kind\":\"consecutive_failures\",\"jobId\":987654,\"channelIds\":[" + hook + ",424242]}"))
			.hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field", (f) -> assertThat(f).asArray()
				.containsExactlyInAnyOrder("jobId", "threshold", "channelIds"));
	}

	private void tick() {
		this.evaluator.evaluate();
		this.worker.deliverDue();
	}

	private List<MimeMessage> awaitEmails(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= count);
		return List.of(smtp.getReceivedMessages());
	}

	private String status(long channel) {
		return this.jdbc.sql("SELECT status FROM alert_deliveries WHERE channel_id = ? ORDER BY id DESC LIMIT 1")
			.param(channel)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private Job job(String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult result = this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"cron\":\"* * * * *\",\"type\":\"shell\",\"target\":\"true\"}")
			.exchange();
		assertThat(result).hasStatus(201);
		Map<String, Object> job = JsonPath.read(body(result), "$");
		return new Job(((Number) job.get("id")).longValue(), (String) job.get("jobId"), name);
	}

	private long channel(String body) {
		return create("/v1/alert-channels", body);
	}

	private long rule(String body) {
		return create("/v1/alert-rules", body);
	}

	private long create(String uri, String body) {
		MvcTestResult result = this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatus(201);
		return ((Number) JsonPath.read(body(result), "$.id")).longValue();
	}

	/** A finished run row as a master writes it, created a minute ago (past the settle time). */
	private long run(Job job, String trigger, int status, int result, String message) {
		long now = System.currentTimeMillis();
		this.jdbc.sql("""
				INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, result, times, create_time,
				  scheduled_at, dispatched_at, started_at, ended_at, exit_code, attempt, epoch, trigger_kind, message)
				VALUES (?, ?, ?, 'shell', 'finished', ?, ?, 120, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)""")
			.params(job.id(), job.uuid(), job.name(), status, result, now - 60_000, now - 60_000, now - 59_990,
					now - 59_980, now - 59_860, (result == 2 && message == null) ? 1 : 0, trigger, message)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM run_logs WHERE job_id = ?").param(job.id()).query(Long.class).single();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static WebhookReceiver receiver() {
		try {
			return new WebhookReceiver();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Job(long id, String uuid, String name) {
	}

}
