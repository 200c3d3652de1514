package io.cronhive.admin.config;

import java.net.ConnectException;
import java.sql.SQLException;

import io.cronhive.admin.AdminApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class DatabaseUnreachableFailureAnalyzerTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
			"jdbc:mysql://db.example:3306/cronhive");

	private final DatabaseUnreachableFailureAnalyzer analyzer = new DatabaseUnreachableFailureAnalyzer(this.environment);

	@Test
	void namesUrlAndCauseWhenConnectionIsRefused() {
		Throwable failure = new IllegalStateException("context failed",
				new SQLException("Communications link failure", "08S01", new ConnectException("Connection refused")));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("cronhive admin-service cannot reach its database at jdbc:mysql://db.example:3306/cronhive: "
					+ "ConnectException (Connection refused).");
		assertThat(analysis.getAction()).contains("CRONHIVE_DB_URL");
	}

	@Test
	void leavesOtherFailuresToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("bad property"))).isNull();
		assertThat(this.analyzer.analyze(new SQLException("syntax error", "42000"))).isNull();
	}

	@Test
	void applicationStartingAgainstAClosedPortFailsWithThisAnalysis() {
		// Command-line arguments, because builder properties are defaults that application.yml would override.
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AdminApplication.class).run(
				"--spring.datasource.url=jdbc:mysql://127.0.0.1:1/cronhive?connectTimeout=2000",
				"--spring.datasource.username=nobody", "--eureka.client.enabled=false", "--server.port=0",
				"--spring.main.banner-mode=off", "--logging.level.root=off").close());
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer(
				new MockEnvironment().withProperty("spring.datasource.url", "jdbc:mysql://127.0.0.1:1/cronhive"))
			.analyze(failure);
		assertThat(analysis).as(() -> "analysis of " + chain(failure)).isNotNull();
		assertThat(analysis.getDescription()).startsWith(
				"cronhive admin-service cannot reach its database at jdbc:mysql://127.0.0.1:1/cronhive: ");
	}

	private static String chain(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			text.append(" <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
		}
		return text.toString();
	}

}
