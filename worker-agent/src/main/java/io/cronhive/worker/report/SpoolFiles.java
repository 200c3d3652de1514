package io.cronhive.worker.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.cronhive.common.dispatch.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The on-disk format and its durability: a file is a JSON array of reports (or, from agents before group
 * commit, one report as a JSON object), written to a temp file, fsynced, atomically renamed and made
 * permanent by an fsync of the directory. After a crash a file is either complete or absent.
 */
final class SpoolFiles {

	private static final Logger logger = LoggerFactory.getLogger(SpoolFiles.class);

	static final String SUFFIX = ".json";

	static final String TEMP_SUFFIX = ".tmp";

	private SpoolFiles() {
	}

	/** Spooled report files (not temp files: those start with a dot). */
	static boolean isReportFile(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(SUFFIX) && !name.startsWith(".");
	}

	/** Temp files left by a write that a crash interrupted: never renamed, so never acknowledged to anyone. */
	static boolean isTempFile(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith(".") && name.endsWith(SUFFIX + TEMP_SUFFIX);
	}

	static void writeDurably(Path target, byte[] json) throws IOException {
		Path temp = target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
		try {
			try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(json);
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
				out.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, target);
			}
		}
		catch (IOException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
		syncDirectory(target.getParent());
	}

	/** @throws RuntimeException (a Jackson exception) when the file is not a report or an array of them */
	static List<RunReport> read(JsonMapper mapper, Path file) throws IOException {
		JsonNode root = mapper.readTree(Files.readAllBytes(file));
		if (root.isObject()) {
			return List.of(mapper.treeToValue(root, RunReport.class));
		}
		if (!root.isArray()) {
			throw new IllegalArgumentException("neither a report nor an array of reports");
		}
		List<RunReport> reports = new ArrayList<>(root.size());
		for (JsonNode element : root) {
			reports.add(mapper.treeToValue(element, RunReport.class));
		}
		return reports;
	}

	private static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot sync a directory; the rename is still atomic there.
			logger.debug("Cannot fsync spool directory {}: {}", dir, ex.toString());
		}
	}

}
