package io.cronhive.worker.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import io.cronhive.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The per-run log files under {@code cronhive.worker.log-dir}: opened when a run starts, read from an offset
 * by the live-tail endpoint, and deleted once older than the retention.
 */
@Component
public class OutputLogs {

	private static final Logger logger = LoggerFactory.getLogger(OutputLogs.class);

	/** Largest slice one tail request returns, so a console poll stays small. */
	static final int MAX_CHUNK_BYTES = 64 * 1024;

	private final WorkerProperties properties;

	private final Clock clock;

	OutputLogs(WorkerProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	public OutputCapture open(long runId) throws IOException {
		Path file = file(runId);
		OutputStream log = Files.newOutputStream(file);
		return new OutputCapture(log, file, (int) Math.min(Integer.MAX_VALUE, this.properties.outputCapBytes().toBytes()),
				this.properties.maxLogBytes().toBytes());
	}

	/** A capture kept in memory only, up to the output cap: for runs whose output is small by nature (HTTP). */
	public OutputCapture inMemory() {
		return new OutputCapture(OutputStream.nullOutputStream(), null,
				(int) Math.min(Integer.MAX_VALUE, this.properties.outputCapBytes().toBytes()), 0);
	}

	/** Output from {@code offset}, cut at a UTF-8 character boundary; empty when the run has no log here. */
	public Optional<Slice> read(long runId, long offset) throws IOException {
		Path file = file(runId);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long start = Math.min(Math.max(0, offset), in.length());
			int length = (int) Math.min(MAX_CHUNK_BYTES, in.length() - start);
			byte[] bytes = new byte[length];
			in.seek(start);
			in.readFully(bytes);
			int complete = completeUtf8Length(bytes);
			return Optional.of(new Slice(start, start + complete, new String(bytes, 0, complete, StandardCharsets.UTF_8)));
		}
	}

	/** Length of the longest prefix that does not end inside a multi-byte character. */
	static int completeUtf8Length(byte[] bytes) {
		int end = bytes.length;
		int i = end - 1;
		int continuation = 0;
		while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
			i--;
			continuation++;
		}
		if (i < 0) {
			return end;
		}
		int lead = bytes[i] & 0xFF;
		int needed = (lead >= 0xF0) ? 3 : (lead >= 0xE0) ? 2 : (lead >= 0xC0) ? 1 : 0;
		return (needed > continuation) ? i : end;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void deleteExpired() {
		Instant cutoff = this.clock.instant().minus(this.properties.logRetention());
		try (Stream<Path> files = Files.list(this.properties.logDir())) {
			files.filter(f -> lastModified(f).isBefore(cutoff)).forEach(f -> {
				try {
					Files.deleteIfExists(f);
					logger.debug("Deleted expired run log {}", f.getFileName());
				}
				catch (IOException ex) {
					logger.warn("Cannot delete expired run log {}: {}", f, ex.toString());
				}
			});
		}
		catch (IOException ex) {
			logger.warn("Cannot list run logs in {}: {}", this.properties.logDir(), ex.toString());
		}
	}

	private static Instant lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toInstant();
		}
		catch (IOException ex) {
			return FileTime.fromMillis(Long.MAX_VALUE).toInstant();
		}
	}

	private Path file(long runId) {
		return this.properties.logDir().resolve(runId + ".log");
	}

	/** A slice of a log: bytes {@code [offset, nextOffset)} decoded as text. */
	public record Slice(long offset, long nextOffset, String data) {
	}

}
