package io.cronhive.worker.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReportSpoolTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void writtenReportReadsBackEqualAndLeavesNoTemporaryFile() throws Exception {
		ReportSpool spool = spool();
		SpoolWrites.write(spool, ReportDeliveryTests.report(5));

		assertThat(spool.pending()).hasSize(1);
		assertThat(spool.read(spool.pending().get(0))).containsExactly(ReportDeliveryTests.report(5));
		assertThat(files()).hasSize(1).allMatch((name) -> name.endsWith(".json") && !name.startsWith("."));
		assertThat(spool.contains(5)).isTrue();
		assertThat(spool.size()).isEqualTo(1);
	}

	@Test
	void concurrentWritersShareFewFilesAndAllReturnDurable() throws Exception {
		int writers = 48;
		ReportSpool spool = spool();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (long runId = 1; runId <= writers; runId++) {
				long id = runId;
				writes.add(pool.submit(() -> {
					go.await();
					SpoolWrites.write(spool, ReportDeliveryTests.report(id));
					return null;
				}));
			}
			go.countDown();
			for (Future<?> write : writes) {
				write.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		// One file per run would be 48; the writer gathers writers that come within milliseconds into one.
		assertThat(files()).hasSizeLessThan(writers / 4);
		assertThat(spool.size()).isEqualTo(writers);
		ReportSpool restarted = spool();
		assertThat(restarted.size()).isEqualTo(writers);
		List<RunReport> all = new ArrayList<>();
		for (Path file : restarted.pending()) {
			all.addAll(restarted.read(file));
		}
		assertThat(all).hasSize(writers).extracting(RunReport::runId).doesNotHaveDuplicates();
		for (long runId = 1; runId <= writers; runId++) {
			assertThat(restarted.contains(runId)).as("run %d", runId).isTrue();
		}
	}

	@Test
	void singleReportFilesOfAnOlderAgentAreReadAfterRestart() throws Exception {
		Files.write(this.dir.resolve("5.json"), this.mapper.writeValueAsBytes(ReportDeliveryTests.report(5)));

		ReportSpool spool = spool();

		assertThat(spool.contains(5)).isTrue();
		assertThat(spool.contains(6)).isFalse();
		assertThat(spool.size()).isEqualTo(1);
		assertThat(spool.pending()).containsExactly(this.dir.resolve("5.json"));
		assertThat(spool.read(this.dir.resolve("5.json"))).containsExactly(ReportDeliveryTests.report(5));
	}

	@Test
	void filesAreDeliveredInTheOrderTheyWereWrittenAfterRestart() throws Exception {
		Path old = this.dir.resolve("3.json");
		Files.write(old, this.mapper.writeValueAsBytes(ReportDeliveryTests.report(3)));
		Files.setLastModifiedTime(old, FileTime.fromMillis(1000));
		SpoolWrites.write(spool(), ReportDeliveryTests.report(1));

		assertThat(spool().pending()).first().isEqualTo(old);
	}

	@Test
	void fileIsDeletedOnlyOnceEveryReportInItIsAcknowledged() throws Exception {
		Path file = this.dir.resolve("g-0000000000001-000001.json");
		Files.write(file, this.mapper.writeValueAsBytes(
				List.of(ReportDeliveryTests.report(1), ReportDeliveryTests.report(2), ReportDeliveryTests.report(3))));
		ReportSpool spool = spool();

		spool.acknowledge(file, List.of(1L, 3L));

		assertThat(file).exists();
		assertThat(spool.size()).isEqualTo(1);
		assertThat(spool.contains(1)).isFalse();
		assertThat(spool.contains(2)).isTrue();
		assertThat(spool.read(file)).containsExactly(ReportDeliveryTests.report(2));
		// A crash now loses nothing: the whole file is read again, and the repeats are answered "already applied".
		assertThat(spool().size()).isEqualTo(3);

		spool.acknowledge(file, List.of(2L));

		assertThat(file).doesNotExist();
		assertThat(spool.size()).isZero();
		assertThat(spool.pending()).isEmpty();
	}

	@Test
	void reportsWrittenInThisLifeAreDeliveredFromMemoryAndAfterARestartFromTheFile() throws Exception {
		ReportSpool spool = spool();
		SpoolWrites.write(spool, ReportDeliveryTests.report(4));
		Path file = spool.pending().get(0);
		byte[] written = Files.readAllBytes(file);
		// Proves the first read does not touch the file: it could not parse this.
		Files.writeString(file, "not json");

		assertThat(spool.read(file)).containsExactly(ReportDeliveryTests.report(4));

		Files.write(file, written);
		ReportSpool restarted = spool();
		assertThat(restarted.read(restarted.pending().get(0))).containsExactly(ReportDeliveryTests.report(4));
	}

	@Test
	void acknowledgedReportsAreNotDeliveredAgainFromMemory() throws Exception {
		ReportSpool spool = spool();
		Thread[] writers = new Thread[3];
		for (int i = 0; i < writers.length; i++) {
			long runId = 10 + i;
			writers[i] = Thread.ofVirtual().start(() -> writeQuietly(spool, runId));
		}
		for (Thread writer : writers) {
			writer.join();
		}
		List<Path> pending = spool.pending();
		for (Path file : pending) {
			spool.acknowledge(file, List.of(10L, 11L));
		}

		assertThat(spool.pending().stream().flatMap((file) -> readQuietly(spool, file).stream()))
			.containsExactly(ReportDeliveryTests.report(12));
	}

	@Test
	void halfWrittenTemporaryFilesFromACrashAreNeitherDeliveredNorKept() throws Exception {
		Files.writeString(this.dir.resolve(".g-0000000000001-000001.json.tmp"), "[{\"runId\":8,");

		ReportSpool spool = spool();

		assertThat(spool.pending()).isEmpty();
		assertThat(spool.contains(8)).isFalse();
		assertThat(spool.size()).isZero();
		assertThat(files()).isEmpty();
	}

	@Test
	void unreadableReportIsSetAsideInsteadOfRetriedForever() throws Exception {
		Files.writeString(this.dir.resolve("9.json"), "not json");

		ReportSpool spool = spool();

		assertThat(spool.pending()).isEmpty();
		assertThat(spool.size()).isZero();
		assertThat(this.dir.resolve("9.json.corrupt")).exists();
	}

	@Test
	void reportThatCannotBeWrittenIsNotCountedAsSpooled() throws Exception {
		Path notADirectory = this.dir.resolve("file");
		Files.writeString(notADirectory, "");
		ReportSpool spool = new ReportSpool(notADirectory, this.mapper);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> SpoolWrites.write(spool, ReportDeliveryTests.report(1)));
		assertThat(spool.size()).isZero();
		assertThat(spool.contains(1)).isFalse();
	}

	@Test
	void submittedReportsAreToldOnceTheirGroupIsDurable() throws Exception {
		ReportSpool spool = spool();
		List<Long> durable = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		Set<Thread> toldOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
		for (long runId = 1; runId <= 20; runId++) {
			long id = runId;
			spool.submit(ReportDeliveryTests.report(id), (failure) -> {
				toldOn.add(Thread.currentThread());
				if (failure != null) {
					failures.add(failure);
				}
				else {
					// Told only once the report is on disk: a new spool over the same directory finds it.
					assertThat(spool.contains(id)).isTrue();
					durable.add(id);
				}
			});
		}

		org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> durable.size() == 20);
		assertThat(failures).isEmpty();
		assertThat(toldOn).hasSize(1).noneMatch((thread) -> thread == Thread.currentThread());
		assertThat(files()).hasSizeLessThan(5);
		assertThat(spool().size()).isEqualTo(20);
	}

	@Test
	void submittedReportThatCannotBeWrittenIsToldSo() throws Exception {
		Path notADirectory = this.dir.resolve("file");
		Files.writeString(notADirectory, "");
		ReportSpool spool = new ReportSpool(notADirectory, this.mapper);
		CountDownLatch told = new CountDownLatch(1);
		List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

		spool.submit(ReportDeliveryTests.report(1), (failure) -> {
			failures.add(failure);
			told.countDown();
		});

		assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(failures).singleElement().isNotNull();
		assertThat(spool.contains(1)).isFalse();
	}

	@Test
	void closedSpoolRefusesSubmittedReports() {
		ReportSpool spool = spool();
		spool.close();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> spool.submit(ReportDeliveryTests.report(1), (failure) -> { }));
	}

	private ReportSpool spool() {
		return new ReportSpool(this.dir, this.mapper);
	}

	@Test
	void closedSpoolRefusesReportsRatherThanLeavingTheirRunsWaiting() throws Exception {
		ReportSpool spool = spool();
		SpoolWrites.write(spool, ReportDeliveryTests.report(1));
		spool.close();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> SpoolWrites.write(spool, ReportDeliveryTests.report(2)));
		assertThat(spool().size()).isEqualTo(1);
	}

	private static void writeQuietly(ReportSpool spool, long runId) {
		try {
			SpoolWrites.write(spool, ReportDeliveryTests.report(runId));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<RunReport> readQuietly(ReportSpool spool, Path file) {
		try {
			return spool.read(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> files() throws IOException {
		try (var files = Files.list(this.dir)) {
			return files.map((p) -> p.getFileName().toString()).sorted().toList();
		}
	}

}
