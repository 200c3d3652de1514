package io.cronhive.worker.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.cronhive.common.dispatch.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports of finished runs, one file per run, written before anyone is told: temp file, fsync, atomic
 * rename, fsync of the directory. After a crash a file is either complete or absent, and an acknowledged
 * report is the only one ever deleted.
 */
public class ReportSpool {

	private static final Logger logger = LoggerFactory.getLogger(ReportSpool.class);

	private static final String SUFFIX = ".json";

	private final Path dir;

	private final JsonMapper mapper;

	ReportSpool(Path dir, JsonMapper mapper) {
		this.dir = dir;
		this.mapper = mapper;
	}

	/** Durably stores a report; when this returns, the report survives a kill -9 or a power cut. */
	public void write(RunReport report) throws IOException {
		Files.createDirectories(this.dir);
		byte[] json = this.mapper.writeValueAsBytes(report);
		Path target = this.dir.resolve(report.runId() + SUFFIX);
		Path temp = this.dir.resolve("." + report.runId() + SUFFIX + ".tmp");
		try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(json);
			while (buffer.hasRemaining()) {
				out.write(buffer);
			}
			out.force(true);
		}
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
		syncDirectory();
	}

	/** Spooled reports, oldest first. */
	List<Path> pending() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && !f.getFileName().toString().startsWith("."))
				.sorted(Comparator.comparing(ReportSpool::modified).thenComparing(Path::toString))
				.toList();
		}
		catch (IOException ex) {
			logger.warn("Cannot list the report spool {}: {}", this.dir, ex.toString());
			return List.of();
		}
	}

	/** Reads a spooled report; an unreadable file is set aside (renamed *.corrupt) rather than retried forever. */
	RunReport read(Path file) throws IOException {
		try {
			return this.mapper.readValue(Files.readAllBytes(file), RunReport.class);
		}
		catch (RuntimeException ex) {
			Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
			Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
			logger.error("Spooled report {} is unreadable ({}); moved to {}", file.getFileName(), ex.getMessage(), aside);
			return null;
		}
	}

	void delete(Path file) throws IOException {
		Files.deleteIfExists(file);
	}

	public boolean contains(long runId) {
		return Files.exists(this.dir.resolve(runId + SUFFIX));
	}

	public int size() {
		return pending().size();
	}

	private void syncDirectory() {
		try (FileChannel channel = FileChannel.open(this.dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot sync a directory; the rename is still atomic there.
			logger.debug("Cannot fsync spool directory {}: {}", this.dir, ex.toString());
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return Long.MAX_VALUE;
		}
	}

}
