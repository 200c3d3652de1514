package io.cronhive.e2e;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerting as an operator meets it in the console: a webhook channel (secret shown once, a test alert), a rule
 * for a job that fails, the alert arriving at a real receiver, and the incident in the history. The cluster has
 * no mail server, so an email channel is refused at its type field. Screenshots under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertConsoleE2ETests {

	private static final Path SHOTS = Path.of("target", "screenshots");

	private final Path dir = LocalCluster.workDirFor(getClass());

	private final List<String> received = new CopyOnWriteArrayList<>();

	private LocalCluster cluster;

	private ApiClient api;

	private HttpServer receiver;

	@BeforeAll
	void start() throws Exception {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/hook", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				this.received.add(exchange.getRequestHeaders().getFirst("X-Cronhive-Event") + " "
						+ new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.receiver.start();
		this.cluster = new LocalCluster(this.dir, null).startRegistry().startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startWorker("alert-worker-1", "linux");
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
		await("the worker registered").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.api.get("/v1/workers?online=true").json().get("total").asInt() == 1);
		Files.createDirectories(SHOTS);
	}

	@AfterAll
	void stop() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.receiver != null) {
			this.receiver.stop(0);
		}
	}

	@Test
	void operatorWiresAWebhookAlertAndFindsTheFailingJobsIncidentInTheHistory() throws Exception {
		long jobId = this.api.post("/v1/jobs", Map.of("name", "alert-fails", "cron", "*/2 * * * * ?", "type", "shell",
				"target", "echo failing on purpose; exit 3")).json().get("id").asLong();
		try (ConsoleDriver ui = new ConsoleDriver(this.cluster.gatewayUrl(), SHOTS)) {
			ui.signIn("admin", this.cluster.adminPassword());
			ui.nav("alerts");
			ui.visible(By.id("alerts-table"));

			ui.click(By.cssSelector("a[href='#/alerts/channels']"));
			ui.click(By.id("new-channel"));
			WebElement form = ui.visible(By.id("channel-form"));
			ui.type(form.findElement(By.name("name")), "ops-mail");
			new Select(form.findElement(By.name("type"))).selectByValue("email");
			ui.type(form.findElement(By.name("recipients")), "ops@example.com");
			ui.click(By.id("save-channel"));
			ui.wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-error-for=type]"),
					Pattern.compile(".*spring\\.mail\\.host.*")));
			new Select(form.findElement(By.name("type"))).selectByValue("webhook");
			ui.type(form.findElement(By.name("name")), "ops-hook");
			ui.type(form.findElement(By.name("url")), "ftp://nowhere.example");
			ui.click(By.id("save-channel"));
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-error-for=url]"), "http or https"));
			ui.type(form.findElement(By.name("url")),
					"http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook");
			ui.click(By.id("save-channel"));
			assertThat(ui.text(By.id("channel-secret-value"))).hasSizeGreaterThanOrEqualTo(40);
			ui.shot("alert-channel-secret");
			ui.click(By.cssSelector("#channel-secret a"));
			ui.click(By.cssSelector("[data-test-channel]"));
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notices"), "Test alert delivered to ops-hook"));
			assertThat(this.received).singleElement().asString().startsWith("test ");
			ui.shot("alert-channels");

			ui.click(By.cssSelector("a[href='#/alerts/rules']"));
			ui.click(By.id("new-rule"));
			WebElement rule = ui.visible(By.id("rule-form"));
			ui.type(rule.findElement(By.name("name")), "alert-fails failed");
			new Select(rule.findElement(By.name("jobId"))).selectByVisibleText("alert-fails");
			rule.findElement(By.cssSelector("input[name=channel]")).click();
			ui.shot("alert-rule-form");
			ui.click(By.id("save-rule"));
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-table"), "alert-fails failed"));

			assertThat(this.api.post("/v1/schedulers", Map.of("jobIds", List.of(jobId))).status()).isEqualTo(200);
			await("the firing alert at the receiver").atMost(Duration.ofSeconds(60))
				.until(() -> this.received.stream().anyMatch((body) -> body.startsWith("firing ") && body.contains("alert-fails")));
			this.api.delete("/v1/schedulers", Map.of("jobIds", List.of(jobId)));
			// One incident however many runs failed: exactly one firing alert.
			assertThat(this.received.stream().filter((body) -> body.startsWith("firing "))).hasSize(1);

			ui.nav("alerts");
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-table"), "alert-fails"));
			ui.shot("alerts-history");
			ui.click(By.cssSelector("#alerts-table td[data-col=summary] a"));
			assertThat(ui.text(By.id("alert-summary"))).contains("alert-fails").contains("failed");
			ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries-table"), "sent"));
			ui.shot("alert-detail");
		}
	}

}
