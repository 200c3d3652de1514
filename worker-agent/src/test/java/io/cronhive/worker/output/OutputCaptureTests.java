package io.cronhive.worker.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCaptureTests {

	final ByteArrayOutputStream log = new ByteArrayOutputStream();

	@Test
	void outputWithinTheCapIsKeptWhole() {
		OutputCapture capture = capture(10, 1000);
		write(capture, "0123456789");

		assertThat(capture.text()).isEqualTo("0123456789");
		assertThat(capture.truncated()).isFalse();
	}

	@Test
	void outputBeyondTheCapKeepsHeadAndTailAroundAnOmissionNote() {
		OutputCapture capture = capture(10, 1000);
		write(capture, "abcde");
		write(capture, "-middle-");
		write(capture, "vwxyz");

		assertThat(capture.truncated()).isTrue();
		assertThat(capture.totalBytes()).isEqualTo(18);
		assertThat(capture.text()).isEqualTo("abcde\n[cronhive: 8 bytes omitted; full output in 7.log on the worker]\nvwxyz");
		assertThat(this.log.toString(StandardCharsets.UTF_8)).isEqualTo("abcde-middle-vwxyz");
	}

	@Test
	void logFileStopsGrowingAtTheLogLimitButCaptureGoesOn() {
		OutputCapture capture = capture(10, 6);
		write(capture, "0123456789");

		assertThat(this.log.toString(StandardCharsets.UTF_8)).startsWith("012345\n[cronhive: log limit of 6 bytes reached");
		assertThat(capture.text()).isEqualTo("0123456789");
	}

	@Test
	void tailSlicesEndOnCharacterBoundaries() {
		byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8);

		assertThat(OutputLogs.completeUtf8Length(bytes)).isEqualTo(bytes.length);
		assertThat(OutputLogs.completeUtf8Length(java.util.Arrays.copyOf(bytes, bytes.length - 1))).isEqualTo(3);
		assertThat(OutputLogs.completeUtf8Length(java.util.Arrays.copyOf(bytes, 2))).isEqualTo(1);
	}

	private OutputCapture capture(int cap, long maxLog) {
		return new OutputCapture(this.log, Path.of("7.log"), cap, maxLog);
	}

	private static void write(OutputCapture capture, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		capture.write(bytes, 0, bytes.length);
	}

}
