package io.cronhive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person uses it, for browser tests: sign in, follow the navigation, wait for what is shown,
 * click what is clickable, and save screenshots. Waits ignore elements that a refreshing table replaced.
 */
final class ConsoleDriver implements AutoCloseable {

	final ChromeDriver browser;

	final WebDriverWait wait;

	private final String gatewayUrl;

	private final Path shots;

	ConsoleDriver(String gatewayUrl, Path shots) {
		this.gatewayUrl = gatewayUrl;
		this.shots = shots;
		this.browser = Browser.start();
		this.browser.manage().window().setSize(new Dimension(1280, 1000));
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(45));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	void signIn(String user, String password) {
		if (this.browser.getCurrentUrl().startsWith("data:")) {
			this.browser.get(this.gatewayUrl + "/");
		}
		WebElement form = visible(By.id("login-form"));
		type(form.findElement(By.name("username")), user);
		type(form.findElement(By.name("password")), password);
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("login-view")));
		this.wait.until(ExpectedConditions.textToBe(By.id("who-name"), user));
	}

	void nav(String view) {
		click(By.cssSelector("#nav a[data-view=" + view + "]"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".view[data-view=" + view + "]")));
	}

	WebElement visible(By by) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	void click(By by) {
		this.wait.until((driver) -> {
			WebElement element = driver.findElement(by);
			if (!element.isDisplayed() || !element.isEnabled()) {
				return false;
			}
			element.click();
			return true;
		});
	}

	String text(By by) {
		return this.wait.until((driver) -> driver.findElement(by).getText());
	}

	void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

	long idFromUrl() {
		String url = this.browser.getCurrentUrl();
		return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
	}

	void shot(String name) throws Exception {
		Path file = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, this.shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
