package io.cronhive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	void startCluster() throws Exception {
		this.cluster = new LocalCluster(this.dir, null).startRegistry().startAdmin();
		this.cluster.startMaster("master-1");
		this.cluster.startWorker("console-worker-1", "linux");
		this.cluster.startWorker("console-worker-2", "gpu");
		this.cluster.startGateway().awaitAllHealthy();
		this.api = new ApiClient(this.cluster.gatewayUrl());
		await("gateway routes to admin-service").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> this.api.send("POST", "/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + this.cluster.adminPassword() + "\"}").status() == 200);
		this.api.login("admin", this.cluster.adminPassword());
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
		this.browser = Browser.start();
		this.browser.manage().window().setSize(new Dimension(1280, 1000));
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(45));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.quit();
	}

	@Test
	@Order(1)
	void operatorRunsABatchOfJobsFromCreationToDeletionByClicking() throws Exception {
		signIn("admin", this.cluster.adminPassword());
		visible(By.cssSelector("#dash-stats .stat"));
		visible(By.cssSelector("#chart-runs canvas"));
		shot("dashboard");

		// A job whose runs last 20 s, so one can be watched and killed; a cron typo and a bad zone are explained.
		nav("jobs");
		click(By.id("new-job"));
		WebElement form = visible(By.id("job-form"));
		type(form.findElement(By.name("name")), "console-sleeper");
		type(form.findElement(By.name("code")),
				"for i in $(seq 1 20); do echo tick-$i; sleep 1; done");
		type(form.findElement(By.name("cron")), "61 * * * * ?");
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-error-for=cron]"), Pattern.compile(".+")));
		type(form.findElement(By.name("cron")), "*/5 * * * * ?");
		type(form.findElement(By.name("timeZone")), "Mars/Olympus_Mons");
		new Select(form.findElement(By.name("concurrency"))).selectByValue("skip");
		click(By.id("save-job"));
		// The server's problem names the field: the banner points at it and the message sits under the zone.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".form-error"), "marked fields"));
		assertThat(text(By.cssSelector("[data-error-for=timeZone]"))).contains("Mars/Olympus_Mons");
		type(form.findElement(By.name("timeZone")), "Europe/Berlin");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cron-preview"), "Parsed as Quartz"));
		assertThat(text(By.id("cron-preview"))).contains("Europe/Berlin").contains("your zone");
		shot("job-form");
		click(By.id("save-job"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/\\d+$"));
		long sleeperId = idFromUrl();

		nav("jobs");
		click(By.id("new-job"));
		form = visible(By.id("job-form"));
		type(form.findElement(By.name("name")), "console-echo");
		type(form.findElement(By.name("code")), "echo from-the-console");
		type(form.findElement(By.name("cron")), "*/2 * * * * ?");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cron-preview"), "Parsed as Quartz"));
		click(By.id("save-job"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/\\d+$"));
		long echoId = idFromUrl();

		// Select both and start them in 3 seconds.
		nav("jobs");
		type(visible(By.cssSelector(".filters [name=name]")), "console-" + Keys.ENTER);
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs-table tbody tr[data-id]"), 2));
		click(By.cssSelector("#jobs-table thead input[type=checkbox]"));
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".selection-count"), "2 selected"));
		new Select(this.browser.findElement(By.id("start-mode"))).selectByValue("delay");
		type(visible(By.id("start-delay")), "3");
		click(By.id("batch-start"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(
				By.xpath("//table[@id='jobs-table']//td[@data-col='state']//span[text()='scheduled']"), 2));
		assertThat(text(By.id("jobs-table"))).contains(" from ");
		shot("jobs");

		// The runs arrive in the run log by themselves.
		nav("runs");
		visible(By.xpath("//table[@id='runs-table']//tr[td[@data-col='jobName']//a[text()='console-echo']"
				+ " and td[@data-col='result']//span[text()='ok']]"));
		By runningSleeper = By.xpath("//table[@id='runs-table']//tr[td[@data-col='jobName']//a[text()='console-sleeper']"
				+ " and td[@data-col='result']//span[text()='running']]//td[@data-col='id']//a");
		shot("runs");
		this.wait.until((driver) -> {
			driver.findElement(runningSleeper).click();
			return true;
		});

		// Its output, live, then kill it.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-output"), "tick-2"));
		assertThat(text(By.id("tail-status"))).contains("Live from the worker");
		shot("run-live-output");
		click(By.id("kill-run"));
		click(By.cssSelector("dialog.confirm [data-confirm]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-status"), "The run has ended."));
		assertThat(text(By.id("run-output"))).contains("tick-1");
		assertThat(text(By.cssSelector(".view"))).contains("Kill requested");
		shot("run-killed");

		// Edit a job while someone else changes it: the conflict is explained and can be resolved.
		nav("jobs");
		click(By.xpath("//table[@id='jobs-table']//a[text()='console-echo']"));
		click(By.id("edit-job"));
		form = visible(By.id("job-form"));
		changeRemarkThroughTheApi(echoId, "changed by a script");
		type(form.findElement(By.name("cron")), "*/10 * * * * ?");
		click(By.id("save-job"));
		visible(By.cssSelector(".conflict"));
		assertThat(text(By.cssSelector(".conflict"))).contains("Someone else changed this job");
		shot("job-edit-conflict");
		click(By.id("overwrite"));
		this.wait.until(ExpectedConditions.urlMatches("#/jobs/" + echoId + "$"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".view"), "*/10 * * * * ?"));
		shot("job-detail");

		// Stop the batch, then delete it.
		nav("jobs");
		type(visible(By.cssSelector(".filters [name=name]")), "console-" + Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".selection-count"), "2 selected"));
		click(By.id("batch-stop"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(
				By.xpath("//table[@id='jobs-table']//td[@data-col='state']//span[text()='stopped']"), 2));
		click(By.id("batch-delete"));
		click(By.cssSelector("dialog.confirm [data-confirm]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs-table"), "No job matches"));
		assertThat(this.api.get("/v1/jobs/" + sleeperId).status()).isEqualTo(404);
		assertThat(this.api.get("/v1/jobs/" + echoId).status()).isEqualTo(404);
	}

	@Test
	@Order(2)
	void groupByTagShowsWhichMemberIsDownWhenItsWorkerStops() throws Exception {
		signIn("admin", this.cluster.adminPassword());
		nav("groups");
		click(By.id("new-group"));
		WebElement form = visible(By.id("group-form"));
		type(form.findElement(By.name("name")), "gpu-pool");
		type(visible(By.id("add-tag")), "gpu");
		click(By.id("add-tag-btn"));
		new Select(this.browser.findElement(By.id("add-worker"))).selectByVisibleText("console-worker-1 [linux]");
		click(By.id("add-worker-btn"));
		assertThat(text(By.id("member-list"))).contains("console-worker-1");
		click(By.id("save-group"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("group-status"), "normal"));
		assertThat(text(By.id("group-status"))).contains("console-worker-2").contains("(by tag)");
		shot("group-normal");

		this.cluster.service("console-worker-2").close();
		new WebDriverWait(this.browser, Duration.ofSeconds(60)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("group-status"), "abnormal"));
		assertThat(text(By.id("group-status"))).contains("console-worker-2");
		shot("group-abnormal");
		nav("groups");
		visible(By.cssSelector("#groups-table .member.down"));
		shot("groups");
		nav("workers");
		visible(By.xpath("//table[@id='workers-table']//tr[td//a[text()='console-worker-2']]//span[text()='offline']"));
		shot("workers");
		nav("masters");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cluster-summary"), "Leader"));
		shot("masters");
	}

	@Test
	@Order(3)
	void adminManagesUsersAndTokensAndAViewerSeesNoWriteControl() throws Exception {
		long jobId = this.api.post("/v1/jobs", Map.of("name", "viewer-visible", "cron", "0 0 * * *", "type", "shell",
				"target", "true"))
			.json()
			.get("id")
			.asLong();
		signIn("admin", this.cluster.adminPassword());
		nav("users");
		WebElement form = visible(By.id("user-form"));
		type(form.findElement(By.name("username")), "vera");
		type(form.findElement(By.name("password")), VIEWER_PASSWORD);
		new Select(form.findElement(By.name("role"))).selectByValue("viewer");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		visible(By.xpath("//table[@id='users-table']//td[text()='vera']"));
		shot("users");

		nav("tokens");
		form = visible(By.id("token-form"));
		type(form.findElement(By.name("name")), "ci-deploy");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textMatches(By.id("token-value"), Pattern.compile("\\S{20,}")));
		shot("token-created");
		click(By.xpath("//div[@id='token-secret']//button[contains(text(),'Done')]"));
		click(By.xpath("//table[@id='tokens-table']//tr[td[text()='ci-deploy']]//button[text()='Revoke']"));
		click(By.cssSelector("dialog.confirm [data-confirm]"));
		visible(By.xpath("//table[@id='tokens-table']//tr[td[text()='ci-deploy']]//span[text()='revoked']"));
		assertThat(this.browser.findElements(By.id("token-value"))).isEmpty();

		nav("audit");
		visible(By.xpath("//table[@id='audit-table']//td[text()='users']"));
		shot("audit");
		click(By.id("logout"));

		signIn("vera", VIEWER_PASSWORD);
		visible(By.cssSelector("#dash-stats .stat"));
		assertThat(this.browser.findElement(By.cssSelector("#nav a[data-view=users]")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.cssSelector("#nav a[data-view=audit]")).isDisplayed()).isFalse();
		nav("jobs");
		visible(By.xpath("//table[@id='jobs-table']//a[text()='viewer-visible']"));
		assertNoWriteControl();
		click(By.xpath("//table[@id='jobs-table']//a[text()='viewer-visible']"));
		visible(By.xpath("//h3[text()='Definition']"));
		assertNoWriteControl();
		shot("viewer-job");
		this.browser.get(this.cluster.gatewayUrl() + "/#/jobs/" + jobId + "/edit");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".view"), "Read only"));
		assertThat(this.browser.findElements(By.id("job-form"))).isEmpty();
		for (String view : List.of("workers", "groups", "runs")) {
			nav(view);
			visible(By.cssSelector(".view table"));
			assertNoWriteControl();
		}
	}

	@Test
	@Order(4)
	void expiredSessionSignsInAgainAndReturnsToTheDeepLinkedPage() throws Exception {
		signIn("admin", this.cluster.adminPassword());
		visible(By.cssSelector("#dash-stats .stat"));
		this.browser.executeScript("sessionStorage.setItem('cronhive.token', 'expired.token.value')");
		this.browser.get(this.cluster.gatewayUrl() + "/#/runs?result=1");
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-reason"), "session has ended"));
		signIn("admin", this.cluster.adminPassword());
		visible(By.id("runs-table"));
		assertThat(this.browser.getCurrentUrl()).endsWith("#/runs?result=1");
		assertThat(new Select(this.browser.findElement(By.cssSelector(".filters [name=result]"))).getFirstSelectedOption()
			.getText()).isEqualTo("ok");
		// The back button goes through the router too.
		nav("workers");
		visible(By.id("workers-table"));
		this.browser.navigate().back();
		visible(By.id("runs-table"));

		this.browser.manage().window().setSize(new Dimension(390, 844));
		nav("dashboard");
		visible(By.cssSelector("#chart-runs canvas"));
		shot("phone-dashboard");
		nav("runs");
		visible(By.id("runs-table"));
		shot("phone-runs");
		this.browser.get(this.cluster.gatewayUrl() + "/#/jobs/new");
		visible(By.id("job-form"));
		shot("phone-job-form");
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

	private void signIn(String user, String password) {
		if (this.browser.getCurrentUrl().startsWith("data:")) {
			this.browser.get(this.cluster.gatewayUrl() + "/");
		}
		WebElement form = visible(By.id("login-form"));
		type(form.findElement(By.name("username")), user);
		type(form.findElement(By.name("password")), password);
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("login-view")));
		this.wait.until(ExpectedConditions.textToBe(By.id("who-name"), user));
	}

	private void nav(String view) {
		click(By.cssSelector("#nav a[data-view=" + view + "]"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".view[data-view=" + view + "]")));
	}

	private WebElement visible(By by) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	private void click(By by) {
		this.wait.until((driver) -> {
			WebElement element = driver.findElement(by);
			if (!element.isDisplayed() || !element.isEnabled()) {
				return false;
			}
			element.click();
			return true;
		});
	}

	private String text(By by) {
		return this.wait.until((driver) -> driver.findElement(by).getText());
	}

	private static void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

	private long idFromUrl() {
		String url = this.browser.getCurrentUrl();
		return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
	}

	private void shot(String name) throws Exception {
		Path file = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
