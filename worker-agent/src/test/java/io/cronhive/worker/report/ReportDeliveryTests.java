package io.cronhive.worker.report;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.worker.FakeMaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReportDeliveryTests {

	static final String SECRET = "report-delivery-tests-secret-0123456789";

	final JsonMapper mapper = JsonMapper.builder().build();

	@TempDir
	Path spoolDir;

	FakeMaster master;

	ReportDelivery delivery;

	volatile List<ServiceInstance> registered;

	@BeforeEach
	void startMaster() throws Exception {
		this.master = new FakeMaster(SECRET);
		this.registered = List.of(instance(this.master.uri()));
	}

	@AfterEach
	void stop() {
		if (this.delivery != null) {
			this.delivery.stop();
		}
		this.master.close();
	}

	@Test
	void reportsLeftInTheSpoolByAnEarlierAgentAreDeliveredOnStart() throws Exception {
		ReportSpool earlierLife = new ReportSpool(this.spoolDir, this.mapper);
		for (long runId = 1; runId <= 3; runId++) {
			earlierLife.write(report(runId));
		}

		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(3) != null);
		assertThat(this.master.report(1)).isEqualTo(report(1));
		assertThat(this.master.report(2)).isEqualTo(report(2));
		await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles().isEmpty());
	}

	@Test
	void reportStaysSpooledAndIsRetriedUntilAMasterAcknowledges() throws Exception {
		this.master.answer(503);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		spool.write(report(7));
		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.received().size() >= 3);
		assertThat(spoolFiles()).containsExactly("7.json");
		this.master.answer(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(7) != null);
		await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles().isEmpty());
	}

	@Test
	void reportOfARunUnknownToTheMasterIsDropped() throws Exception {
		this.master.answer(404);
		new ReportSpool(this.spoolDir, this.mapper).write(report(9));

		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(this.master.received()).containsExactly(9L);
	}

	@Test
	void reportWaitsForAMasterToAppearInTheRegistry() throws Exception {
		this.registered = List.of();
		new ReportSpool(this.spoolDir, this.mapper).write(report(11));
		this.delivery = start(() -> this.registered);

		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> spoolFiles().size() == 1);
		this.registered = List.of(instance("http://127.0.0.1:1"), instance(this.master.uri()));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(11) != null);
	}

	@Test
	void newReportIsDeliveredRightAfterItIsSpooled() throws Exception {
		this.delivery = start(() -> this.registered);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);

		spool.write(report(21));
		this.delivery.wake();

		await().atMost(Duration.ofSeconds(3)).until(() -> this.master.report(21) != null);
		assertThat(this.master.refusedSignatures()).isZero();
	}

	private ReportDelivery start(Supplier<List<ServiceInstance>> instances) {
		DiscoveryClient discovery = new DiscoveryClient() {

			@Override
			public String description() {
				return "test";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				return MasterPaths.SERVICE_NAME.equals(serviceId) ? instances.get() : List.of();
			}

			@Override
			public List<String> getServices() {
				return List.of(MasterPaths.SERVICE_NAME);
			}

		};
		ReportDelivery delivery = new ReportDelivery(new ReportSpool(this.spoolDir, this.mapper), discovery,
				new RequestSigner(ClusterSecret.of(SECRET), Clock.systemUTC()), this.mapper, Duration.ofMillis(400));
		delivery.start();
		return delivery;
	}

	private List<String> spoolFiles() throws Exception {
		try (var files = Files.list(this.spoolDir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	static RunReport report(long runId) {
		return new RunReport(runId, 3, "w1", "10.0.0.1", RunStatus.DONE, RunOutcome.OK, 0, "out " + runId, false, null,
				1000 + runId, 2000 + runId);
	}

	static ServiceInstance instance(String uri) {
		URI u = URI.create(uri);
		return new DefaultServiceInstance(uri, MasterPaths.SERVICE_NAME, u.getHost(), u.getPort(), false);
	}

}
