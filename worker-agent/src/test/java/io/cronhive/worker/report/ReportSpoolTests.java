package io.cronhive.worker.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSpoolTests {

	@TempDir
	Path dir;

	@Test
	void writtenReportReadsBackEqualAndLeavesNoTemporaryFile() throws Exception {
		ReportSpool spool = spool();
		spool.write(ReportDeliveryTests.report(5));

		assertThat(spool.pending()).extracting(p -> p.getFileName().toString()).containsExactly("5.json");
		assertThat(spool.read(spool.pending().get(0))).isEqualTo(ReportDeliveryTests.report(5));
		try (var files = Files.list(this.dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("5.json");
		}
	}

	@Test
	void halfWrittenTemporaryFilesFromACrashAreNotDelivered() throws Exception {
		Files.writeString(this.dir.resolve(".8.json.tmp"), "{\"runId\":8,");

		assertThat(spool().pending()).isEmpty();
	}

	@Test
	void unreadableReportIsSetAsideInsteadOfRetriedForever() throws Exception {
		Files.writeString(this.dir.resolve("9.json"), "not json");
		ReportSpool spool = spool();

		assertThat(spool.read(this.dir.resolve("9.json"))).isNull();
		assertThat(spool.pending()).isEmpty();
		assertThat(this.dir.resolve("9.json.corrupt")).exists();
	}

	private ReportSpool spool() {
		return new ReportSpool(this.dir, JsonMapper.builder().build());
	}

}
