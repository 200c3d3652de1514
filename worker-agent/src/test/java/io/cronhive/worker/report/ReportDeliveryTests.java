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
			SpoolWrites.write(earlierLife, report(runId));
		}

		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(3) != null);
		assertThat(this.master.report(1)).isEqualTo(report(1));
		assertThat(this.master.report(2)).isEqualTo(report(2));
		await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles().isEmpty());
		assertThat(this.master.batches()).isEqualTo(1);
		assertThat(this.master.singles()).isZero();
	}

	@Test
	void singleReportFilesOfAnOlderAgentGoOutInTheSameBatch() throws Exception {
		Files.write(this.spoolDir.resolve("4.json"), this.mapper.writeValueAsBytes(report(4)));
		SpoolWrites.write(new ReportSpool(this.spoolDir, this.mapper), report(5));

		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(this.master.report(4)).isEqualTo(report(4));
		assertThat(this.master.report(5)).isEqualTo(report(5));
		assertThat(this.master.batches()).isEqualTo(1);
	}

	@Test
	void manyReportsGoOutInFewRequestsAndLeaveTheSpoolOnlyWhenAcknowledged() throws Exception {
		this.master.answer(503);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		int runs = ReportDelivery.MAX_BATCH + 44;
		for (long runId = 1; runId <= runs; runId++) {
			SpoolWrites.write(spool, report(runId));
		}
		this.delivery = start(spool, () -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.received().size() >= ReportDelivery.MAX_BATCH);
		assertThat(spool.size()).isEqualTo(runs);
		assertThat(spoolFiles()).hasSize(runs);
		this.master.answer(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(spool.size()).isZero();
		for (long runId = 1; runId <= runs; runId++) {
			assertThat(this.master.report(runId)).isEqualTo(report(runId));
		}
		// A full batch, then the rest: never one request per report.
		assertThat(this.master.batches()).isLessThan(runs / 10);
	}

	@Test
	void partiallyAcknowledgedBatchKeepsItsFileAndResendsOnlyTheRest() throws Exception {
		Path file = this.spoolDir.resolve("g-0000000000001-000001.json");
		Files.write(file, this.mapper.writeValueAsBytes(List.of(report(1), report(2), report(3), report(4), report(5))));
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		this.master.acknowledgeAtMost(2);

		this.delivery = start(spool, () -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> spool.size() <= 3);
		assertThat(file).exists();
		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(spool.size()).isZero();
		assertThat(this.master.received()).filteredOn((runId) -> runId <= 2).containsExactly(1L, 2L);
		assertThat(this.master.received()).containsSubsequence(1L, 2L, 3L, 4L, 5L, 3L, 4L, 5L, 5L);
		for (long runId = 1; runId <= 5; runId++) {
			assertThat(this.master.report(runId)).isEqualTo(report(runId));
		}
	}

	@Test
	void masterWithoutTheBatchEndpointGetsReportsOneByOne() throws Exception {
		this.master.batchEndpoint(false);
		this.master.unknown(2);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		for (long runId = 1; runId <= 3; runId++) {
			SpoolWrites.write(spool, report(runId));
		}

		this.delivery = start(spool, () -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(this.master.report(1)).isEqualTo(report(1));
		assertThat(this.master.report(3)).isEqualTo(report(3));
		// Run 2's 404 on the single path means "unknown run": dropped, like on an older agent.
		assertThat(this.master.report(2)).isNull();
		assertThat(this.master.singles()).isEqualTo(3);
		assertThat(this.master.batches()).isZero();
	}

	@Test
	void reportsRefusedForTheirSignatureStaySpooled() throws Exception {
		SpoolWrites.write(new ReportSpool(this.spoolDir, this.mapper), report(13));

		this.delivery = start(new ReportSpool(this.spoolDir, this.mapper), () -> this.registered,
				"a-different-secret-than-the-masters-0123456789");

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.refusedSignatures() >= 2);
		assertThat(spoolFiles()).hasSize(1);
		assertThat(this.master.report(13)).isNull();
	}

	@Test
	void reportStaysSpooledAndIsRetriedUntilAMasterAcknowledges() throws Exception {
		this.master.answer(503);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		SpoolWrites.write(spool, report(7));
		this.delivery = start(() -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.received().size() >= 3);
		assertThat(spoolFiles()).hasSize(1);
		this.master.answer(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(7) != null);
		await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles().isEmpty());
	}

	@Test
	void reportOfARunUnknownToTheMasterIsDropped() throws Exception {
		this.master.unknown(9);
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		SpoolWrites.write(spool, report(9));
		SpoolWrites.write(spool, report(10));

		this.delivery = start(spool, () -> this.registered);

		await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
		assertThat(this.master.received()).containsExactly(9L, 10L);
		assertThat(this.master.report(10)).isEqualTo(report(10));
		assertThat(this.master.singles()).isZero();
	}

	@Test
	void reportWaitsForAMasterToAppearInTheRegistry() throws Exception {
		this.registered = List.of();
		SpoolWrites.write(new ReportSpool(this.spoolDir, this.mapper), report(11));
		this.delivery = start(() -> this.registered);

		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> spoolFiles().size() == 1);
		this.registered = List.of(instance("http://127.0.0.1:1"), instance(this.master.uri()));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.master.report(11) != null);
	}

	@Test
	void newReportIsDeliveredRightAfterItIsSpooled() throws Exception {
		ReportSpool spool = new ReportSpool(this.spoolDir, this.mapper);
		this.delivery = start(spool, () -> this.registered);

		SpoolWrites.write(spool, report(21));
		this.delivery.wake();

		await().atMost(Duration.ofSeconds(3)).until(() -> this.master.report(21) != null);
		assertThat(this.master.refusedSignatures()).isZero();
	}

	private ReportDelivery start(Supplier<List<ServiceInstance>> instances) {
		return start(new ReportSpool(this.spoolDir, this.mapper), instances);
	}

	private ReportDelivery start(ReportSpool spool, Supplier<List<ServiceInstance>> instances) {
		return start(spool, instances, SECRET);
	}

	private ReportDelivery start(ReportSpool spool, Supplier<List<ServiceInstance>> instances, String secret) {
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
		ReportDelivery delivery = new ReportDelivery(spool, discovery,
				new RequestSigner(ClusterSecret.of(secret), Clock.systemUTC()), this.mapper, Duration.ofMillis(400));
		delivery.start();
		return delivery;
	}

	private List<String> spoolFiles() throws Exception {
		try (var files = Files.list(this.spoolDir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	static RunReport report(long runId) {
		return new RunReport("cluster-a", runId, 3, "w1", "10.0.0.1", RunStatus.DONE, RunOutcome.OK, 0, "out " + runId,
				false, null, 1000 + runId, 2000 + runId);
	}

	static ServiceInstance instance(String uri) {
		URI u = URI.create(uri);
		return new DefaultServiceInstance(uri, MasterPaths.SERVICE_NAME, u.getHost(), u.getPort(), false);
	}

}
