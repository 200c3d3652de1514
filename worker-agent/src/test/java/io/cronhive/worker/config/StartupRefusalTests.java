package io.cronhive.worker.config;

import java.nio.file.Path;

import io.cronhive.worker.WorkerAgentApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class StartupRefusalTests {

	@TempDir
	Path dataDir;

	@Test
	void agentWithoutClusterSecretRefusesToStartSayingWhatToSet() {
		Throwable failure = catchThrowable(() -> start("--cronhive.cluster-secret="));

		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(StartupRefusedException.class)
			.hasMessageStartingWith("No cluster secret configured. Set CRONHIVE_CLUSTER_SECRET");
	}

	@Test
	void agentWithShortClusterSecretRefusesToStartSayingHowLongItMustBe() {
		Throwable failure = catchThrowable(() -> start("--cronhive.cluster-secret=too-short"));

		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(StartupRefusedException.class)
			.hasMessageContaining("is 9 bytes; it must be at least 32 bytes");
	}

	@Test
	void secondAgentOnTheSameDataDirectoryRefusesToStart() {
		try (ConfigurableApplicationContext first = start("--cronhive.cluster-secret=" + "s".repeat(32))) {
			Throwable failure = catchThrowable(() -> start("--cronhive.cluster-secret=" + "s".repeat(32)));

			assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(StartupRefusedException.class)
				.hasMessageContaining("is in use by another worker-agent");
		}
	}

	@Test
	void failureAnalysisCarriesTheOperatorsAction() {
		var analysis = new StartupRefusedFailureAnalyzer()
			.analyze(new IllegalStateException(new StartupRefusedException("what", "do this")));

		assertThat(analysis.getDescription()).isEqualTo("what");
		assertThat(analysis.getAction()).isEqualTo("do this");
	}

	private ConfigurableApplicationContext start(String secretArg) {
		return new SpringApplicationBuilder(WorkerAgentApplication.class).run(secretArg, "--server.port=0",
				"--eureka.client.enabled=false", "--cronhive.worker.data-dir=" + this.dataDir,
				"--spring.main.banner-mode=off");
	}

}
