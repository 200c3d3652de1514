package io.cronhive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console in Chromium, driven as an operator does, by clicking: a batch of jobs created, started after a
 * delay, its runs arriving, a running run's output tailed and the run killed, a job edited through a concurrent
 * change, the batch stopped and deleted; a worker group by tag that turns abnormal when its worker stops; users,
 * tokens and the audit trail; a viewer who sees no write control; an expired session that returns to its page.
 * Each page's screenshot is saved under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2ETests {

	private static final Path SHOTS = Path.of("target", "screenshots");

	private static final String VIEWER_PASSWORD = "viewer-password-1234";

	private final Path dir = LocalCluster.workDirFor(getClass());

	private LocalCluster cluster;

	private ApiClient api;

	private ConsoleDriver ui;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	void startCluster() throws Exception {
		this.cluster = new LocalCluster(this.dir, null).startRegistry().startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startWorker("console-worker-1", "linux");
		this.cluster.startWorker("console-worker-2", "gpu");
		this.cluster.startGateway().awaitAllHealthy();
		this.api = this.cluster.adminApi();
		await("both workers registered").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.api.get("/v1/workers?online=true").json().get("total").asInt() == 2);
		Files.createDirectories(SHOTS);
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@BeforeEach
	void openBrowser() {
		this.ui = new ConsoleDriver(this.cluster.gatewayUrl(), SHOTS);
		this.browser = this.ui.browser;
		this.wait = this.ui.wait;
	}

	@AfterEach
	void closeBrowser() {
		this.ui.close();
	}

	@Test
	@Order(1)
	void operatorRunsABatchOfJobsFromCreationToDeletionByClicking() throws Exception {
		this.ui.signIn("admin", this.cluster.adminPassword());
		this.ui.visible(By.cssSelector("#dash-stats .stat"));
		this.ui.visible(By.cssSelector("#chart-runs canvas"));
		this.ui.shot("dashboard");

		// A job whose runs last 20 s, so one can be watched and killed; a cron typo and a bad zone are explained.
		this.ui.nav("jobs");
		this.ui.click(By.id("new-job"));
		WebElement form = this.ui.visible(By.id("job-form"));
		this.ui.type(form.findElement(By.name("name")), "console-sleeper");
		this.ui.type(form.findElement(By.name("code")),
				"for i in $(seq 1 20); do echo tick-$i; sleep 1; done");
		this.ui.type(form.findElement(By.name("cron")), "61 * * * * ?");
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-error-for=cron]"), Pattern.compile(".+")));
		this.ui.type(form.findElement(By.name("cron")), "*/5 * * * * ?");
		this.ui.type(form.findElement(By.name("timeZone")), "Mars/Olympus_Mons");
		new Select(form.findElement(By.name("concurrency"))).selectByValue("skip");
		this.ui.click(By.id("save-job"));
		// The server's problem names the field: the banner points at it and the message sits under the zone.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".form-error"), "marked fields"));
		assertThat(this.ui.text(By.cssSelector("[data-error-for=timeZone]"))).contains("Mars/Olympus_Mons");
		this.ui.type(form.findElement(By.name("timeZone")), "Europe/Berlin");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cron-preview"), "Parsed as Quartz"));
		assertThat(this.ui.text(By.id("cron-preview"))).contains("Europe/Berlin").contains("your zone");
		this.ui.shot("job-form");
		this.ui.click(By.id("save-job"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/\\d+$"));
		long sleeperId = this.ui.idFromUrl();

		this.ui.nav("jobs");
		this.ui.click(By.id("new-job"));
		form = this.ui.visible(By.id("job-form"));
		this.ui.type(form.findElement(By.name("name")), "console-echo");
		this.ui.type(form.findElement(By.name("code")), "echo from-the-console");
		this.ui.type(form.findElement(By.name("cron")), "*/2 * * * * ?");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cron-preview"), "Parsed as Quartz"));
		this.ui.click(By.id("save-job"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/\\d+$"));
		long echoId = this.ui.idFromUrl();

		// Select both and start them in 3 seconds.
		this.ui.nav("jobs");
		this.ui.type(this.ui.visible(By.cssSelector(".filters [name=name]")), "console-" + Keys.ENTER);
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs-table tbody tr[data-id]"), 2));
		this.ui.click(By.cssSelector("#jobs-table thead input[type=checkbox]"));
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".selection-count"), "2 selected"));
		new Select(this.browser.findElement(By.id("start-mode"))).selectByValue("delay");
		this.ui.type(this.ui.visible(By.id("start-delay")), "3");
		this.ui.click(By.id("batch-start"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(
				By.xpath("//table[@id='jobs-table']//td[@data-col='state']//span[text()='scheduled']"), 2));
		assertThat(this.ui.text(By.id("jobs-table"))).contains(" from ");
		this.ui.shot("jobs");

		// The runs arrive in the run log by themselves.
		this.ui.nav("runs");
		this.ui.visible(By.xpath("//table[@id='runs-table']//tr[td[@data-col='jobName']//a[text()='console-echo']"
				+ " and td[@data-col='result']//span[text()='ok']]"));
		By runningSleeper = By.xpath("//table[@id='runs-table']//tr[td[@data-col='jobName']//a[text()='console-sleeper']"
				+ " and td[@data-col='result']//span[text()='running']]//td[@data-col='id']//a");
		this.ui.shot("runs");
		this.wait.until((driver) -> {
			driver.findElement(runningSleeper).click();
			return true;
		});

		// Its output, live, then kill it.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-output"), "tick-2"));
		assertThat(this.ui.text(By.id("tail-status"))).contains("Live from the worker");
		this.ui.shot("run-live-output");
		this.ui.click(By.id("kill-run"));
		this.ui.click(By.cssSelector("dialog.confirm [data-confirm]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-status"), "The run has ended."));
		assertThat(this.ui.text(By.id("run-output"))).contains("tick-1");
		assertThat(this.ui.text(By.cssSelector(".view"))).contains("Kill requested");
		this.ui.shot("run-killed");

		// Edit a job while someone else changes it: the conflict is explained and can be resolved.
		this.ui.nav("jobs");
		this.ui.click(By.xpath("//table[@id='jobs-table']//a[text()='console-echo']"));
		this.ui.click(By.id("edit-job"));
		form = this.ui.visible(By.id("job-form"));
		changeRemarkThroughTheApi(echoId, "changed by a script");
		this.ui.type(form.findElement(By.name("cron")), "*/10 * * * * ?");
		this.ui.click(By.id("save-job"));
		this.ui.visible(By.cssSelector(".conflict"));
		assertThat(this.ui.text(By.cssSelector(".conflict"))).contains("Someone else changed this job");
		this.ui.shot("job-edit-conflict");
		this.ui.click(By.id("overwrite"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/" + echoId + "$"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".view"), "*/10 * * * * ?"));
		this.ui.shot("job-detail");

		// Stop the batch, then delete it.
		this.ui.nav("jobs");
		this.ui.type(this.ui.visible(By.cssSelector(".filters [name=name]")), "console-" + Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".selection-count"), "2 selected"));
		this.ui.click(By.id("batch-stop"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(
				By.xpath("//table[@id='jobs-table']//td[@data-col='state']//span[text()='stopped']"), 2));
		this.ui.click(By.id("batch-delete"));
		this.ui.click(By.cssSelector("dialog.confirm [data-confirm]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs-table"), "No job matches"));
		assertThat(this.api.get("/v1/jobs/" + sleeperId).status()).isEqualTo(404);
		assertThat(this.api.get("/v1/jobs/" + echoId).status()).isEqualTo(404);
	}

	@Test
	@Order(2)
	void groupByTagShowsWhichMemberIsDownWhenItsWorkerStops() throws Exception {
		this.ui.signIn("admin", this.cluster.adminPassword());
		this.ui.nav("groups");
		this.ui.click(By.id("new-group"));
		WebElement form = this.ui.visible(By.id("group-form"));
		this.ui.type(form.findElement(By.name("name")), "gpu-pool");
		this.ui.type(this.ui.visible(By.id("add-tag")), "gpu");
		this.ui.click(By.id("add-tag-btn"));
		new Select(this.browser.findElement(By.id("add-worker"))).selectByVisibleText("console-worker-1 [linux]");
		this.ui.click(By.id("add-worker-btn"));
		assertThat(this.ui.text(By.id("member-list"))).contains("console-worker-1");
		this.ui.click(By.id("save-group"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("group-status"), "normal"));
		assertThat(this.ui.text(By.id("group-status"))).contains("console-worker-2").contains("(by tag)");
		this.ui.shot("group-normal");

		this.cluster.service("console-worker-2").close();
		new WebDriverWait(this.browser, Duration.ofSeconds(60)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("group-status"), "abnormal"));
		assertThat(this.ui.text(By.id("group-status"))).contains("console-worker-2");
		this.ui.shot("group-abnormal");
		this.ui.nav("groups");
		this.ui.visible(By.cssSelector("#groups-table .member.down"));
		this.ui.shot("groups");
		this.ui.nav("workers");
		this.ui.visible(By.xpath("//table[@id='workers-table']//tr[td//a[text()='console-worker-2']]//span[text()='offline']"));
		this.ui.shot("workers");
		this.ui.nav("masters");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cluster-summary"), "Leader"));
		assertThat(this.ui.text(By.id("cluster-summary"))).contains("of 128 partitions held");
		this.ui.shot("masters");
	}

	@Test
	@Order(3)
	void adminManagesUsersAndTokensAndAViewerSeesNoWriteControl() throws Exception {
		long jobId = this.api.post("/v1/jobs", Map.of("name", "viewer-visible", "cron", "0 0 * * *", "type", "shell",
				"target", "true"))
			.json()
			.get("id")
			.asLong();
		this.ui.signIn("admin", this.cluster.adminPassword());
		this.ui.nav("users");
		WebElement form = this.ui.visible(By.id("user-form"));
		this.ui.type(form.findElement(By.name("username")), "vera");
		this.ui.type(form.findElement(By.name("password")), VIEWER_PASSWORD);
		new Select(form.findElement(By.name("role"))).selectByValue("viewer");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.ui.visible(By.xpath("//table[@id='users-table']//td[text()='vera']"));
		this.ui.shot("users");

		this.ui.nav("tokens");
		form = this.ui.visible(By.id("token-form"));
		this.ui.type(form.findElement(By.name("name")), "ci-deploy");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textMatches(By.id("token-value"), Pattern.compile("\\S{20,}")));
		this.ui.shot("token-created");
		this.ui.click(By.xpath("//div[@id='token-secret']//button[contains(text(),'Done')]"));
		this.ui.click(By.xpath("//table[@id='tokens-table']//tr[td[text()='ci-deploy']]//button[text()='Revoke']"));
		this.ui.click(By.cssSelector("dialog.confirm [data-confirm]"));
		this.ui.visible(By.xpath("//table[@id='tokens-table']//tr[td[text()='ci-deploy']]//span[text()='revoked']"));
		assertThat(this.browser.findElements(By.id("token-value"))).isEmpty();

		this.ui.nav("audit");
		this.ui.visible(By.xpath("//table[@id='audit-table']//td[text()='users']"));
		this.ui.shot("audit");
		this.ui.click(By.id("logout"));

		this.ui.signIn("vera", VIEWER_PASSWORD);
		this.ui.visible(By.cssSelector("#dash-stats .stat"));
		assertThat(this.browser.findElement(By.cssSelector("#nav a[data-view=users]")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.cssSelector("#nav a[data-view=audit]")).isDisplayed()).isFalse();
		this.ui.nav("jobs");
		this.ui.visible(By.xpath("//table[@id='jobs-table']//a[text()='viewer-visible']"));
		assertNoWriteControl();
		this.ui.click(By.xpath("//table[@id='jobs-table']//a[text()='viewer-visible']"));
		this.ui.visible(By.xpath("//h3[text()='Definition']"));
		assertNoWriteControl();
		this.ui.shot("viewer-job");
		this.browser.get(this.cluster.gatewayUrl() + "/#/jobs/" + jobId + "/edit");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".view"), "Read only"));
		assertThat(this.browser.findElements(By.id("job-form"))).isEmpty();
		for (String view : List.of("workers", "groups", "runs")) {
			this.ui.nav(view);
			this.ui.visible(By.cssSelector(".view table"));
			assertNoWriteControl();
		}
	}

	@Test
	@Order(4)
	void expiredSessionSignsInAgainAndReturnsToTheDeepLinkedPage() throws Exception {
		this.ui.signIn("admin", this.cluster.adminPassword());
		this.ui.visible(By.cssSelector("#dash-stats .stat"));
		this.browser.executeScript("sessionStorage.setItem('cronhive.token', 'expired.token.value')");
		this.browser.get(this.cluster.gatewayUrl() + "/#/runs?result=1");
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-reason"), "session has ended"));
		this.ui.signIn("admin", this.cluster.adminPassword());
		this.ui.visible(By.id("runs-table"));
		assertThat(this.browser.getCurrentUrl()).endsWith("#/runs?result=1");
		assertThat(new Select(this.browser.findElement(By.cssSelector(".filters [name=result]"))).getFirstSelectedOption()
			.getText()).isEqualTo("ok");
		// The back button goes through the router too.
		this.ui.nav("workers");
		this.ui.visible(By.id("workers-table"));
		this.browser.navigate().back();
		this.ui.visible(By.id("runs-table"));

		// The old console's links (#runs) still land on their page.
		this.browser.get(this.cluster.gatewayUrl() + "/#runs");
		this.ui.visible(By.id("runs-table"));

		// By now the first test's runs, failures and lateness are on the dashboard.
		this.ui.nav("dashboard");
		this.wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.cssSelector("#dash-stats .stat-value"), "0")));
		this.ui.shot("dashboard-with-runs");

		this.browser.manage().window().setSize(new Dimension(390, 844));
		this.ui.nav("dashboard");
		this.ui.visible(By.cssSelector("#chart-runs canvas"));
		this.ui.shot("phone-dashboard");
		this.ui.nav("runs");
		this.ui.visible(By.id("runs-table"));
		this.ui.shot("phone-runs");
		this.browser.get(this.cluster.gatewayUrl() + "/#/jobs/new");
		this.ui.visible(By.id("job-form"));
		this.ui.shot("phone-job-form");
	}

	private void assertNoWriteControl() {
		assertThat(this.browser.findElements(By.cssSelector(
				"#new-job, #edit-job, #batch-start, #batch-delete, #kill-run, #new-worker, #new-group, button.danger, "
						+ "table input[type=checkbox]")))
			.as("write controls a viewer must not see")
			.isEmpty();
	}

	private void changeRemarkThroughTheApi(long id, String remark) throws Exception {
		JsonNode job = this.api.get("/v1/jobs/" + id).json();
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode body = json.createObjectNode();
		for (String field : List.of("name", "cron", "timeZone", "type", "target", "concurrency")) {
			body.set(field, job.get(field));
		}
		body.put("remark", remark);
		body.put("version", job.get("version").asLong());
		ApiClient.Response updated = this.api.send("PUT", "/v1/jobs/" + id, json.writeValueAsString(body));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
	}

}
