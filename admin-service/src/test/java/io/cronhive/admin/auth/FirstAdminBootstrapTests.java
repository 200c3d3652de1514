package io.cronhive.admin.auth;

import java.time.Duration;
import java.util.List;

import io.cronhive.admin.user.PasswordPolicy;
import io.cronhive.admin.user.UserService;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class FirstAdminBootstrapTests {

	final UserService users = mock(UserService.class);

	// Read from the logger itself: other tests' contexts reset the console logging this would otherwise need.
	final ListAppender<ILoggingEvent> log = new ListAppender<>();

	final Logger logger = (Logger) LoggerFactory.getLogger(FirstAdminBootstrap.class);

	@BeforeEach
	void captureLog() {
		this.logger.setLevel(Level.INFO);
		this.logger.addAppender(this.log);
		this.log.start();
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	String output() {
		return String.join("\n", this.log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
	}

	@Test
	void withoutConfiguredPasswordGeneratesOneAndPrintsItOnce() {
		given(this.users.hasEnabledAdmin()).willReturn(false);
		assertThat(bootstrap(null).createFirstAdminIfNone()).isTrue();
		ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
		then(this.users).should().createFirstAdmin(password.capture());
		assertThat(password.getValue()).hasSize(24);
		assertThat(PasswordPolicy.problem(password.getValue())).isNull();
		assertThat(output()).contains("Generated password for user admin: " + password.getValue());

		given(this.users.hasEnabledAdmin()).willReturn(true);
		assertThat(bootstrap(null).createFirstAdminIfNone()).isFalse();
		assertThat(output().split("Generated password for user admin", -1)).hasSize(2);
	}

	@Test
	void generatedPasswordsDiffer() {
		given(this.users.hasEnabledAdmin()).willReturn(false);
		bootstrap(null).createFirstAdminIfNone();
		bootstrap(null).createFirstAdminIfNone();
		ArgumentCaptor<String> passwords = ArgumentCaptor.forClass(String.class);
		then(this.users).should(org.mockito.Mockito.times(2)).createFirstAdmin(passwords.capture());
		assertThat(passwords.getAllValues().get(0)).isNotEqualTo(passwords.getAllValues().get(1));
	}

	@Test
	void configuredPasswordIsUsedAndNeverPrinted() {
		given(this.users.hasEnabledAdmin()).willReturn(false);
		bootstrap("configured-admin-password").createFirstAdminIfNone();
		then(this.users).should().createFirstAdmin("configured-admin-password");
		assertThat(output()).contains("Created user admin with the password from CRONHIVE_ADMIN_PASSWORD")
			.doesNotContain("configured-admin-password")
			.doesNotContain("Generated password");
	}

	@Test
	void existingAdminIsLeftAlone() {
		given(this.users.hasEnabledAdmin()).willReturn(true);
		assertThat(bootstrap("configured-admin-password").createFirstAdminIfNone()).isFalse();
		then(this.users).should(never()).createFirstAdmin(org.mockito.ArgumentMatchers.anyString());
	}

	@Test
	void replicaThatLosesTheRaceDoesNotPrintAPasswordThatWasNeverStored() {
		given(this.users.hasEnabledAdmin()).willReturn(false);
		willThrow(new DataIntegrityViolationException("duplicate")).given(this.users)
			.createFirstAdmin(org.mockito.ArgumentMatchers.anyString());
		assertThat(bootstrap(null).createFirstAdminIfNone()).isFalse();
		assertThat(output()).doesNotContain("Generated password");
	}

	@Test
	void configuredPasswordShorterThanTwelveRefusesTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("short-pass"))
			.withMessageContaining("CRONHIVE_ADMIN_PASSWORD")
			.withMessageContaining("at least 12 characters");
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withPropertyValues("cronhive.auth.admin-password=elevenchars")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("CRONHIVE_ADMIN_PASSWORD (cronhive.auth.admin-password) must be at least 12"));
	}

	@Test
	void propertiesNeverShowThePassword() {
		assertThat(properties("configured-admin-password")).asString().doesNotContain("configured-admin-password");
	}

	private FirstAdminBootstrap bootstrap(String password) {
		return new FirstAdminBootstrap(this.users, properties(password));
	}

	private static AuthProperties properties(String password) {
		return new AuthProperties(password, Duration.ofHours(8), Duration.ofDays(365), "cronhive", List.of("local"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuthProperties.class)
	static class PropertiesOnly {

	}

}
