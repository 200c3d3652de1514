package io.cronhive.worker.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Holds an exclusive lock on the agent's data directory for the life of the process. Two agents sharing one
 * spool and run journal would run a run id twice and corrupt the journal, so the second one refuses to start.
 */
@Component
public class DataDirectory implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DataDirectory.class);

	private final FileChannel channel;

	private final FileLock lock;

	DataDirectory(WorkerProperties properties) throws IOException {
		Path dir = properties.dataDir().toAbsolutePath();
		try {
			// Jobs may only pass through to their own run directory; spool, journal and logs are the agent's.
			prepare(dir, "rwx--x--x");
			prepare(properties.workDir(), "rwx--x--x");
			prepare(properties.spoolDir(), "rwx------");
			prepare(properties.logDir(), "rwx------");
			prepare(properties.stateDir(), "rwx------");
		}
		catch (IOException ex) {
			throw new StartupRefusedException("Cannot create the worker data directory " + dir + ": " + ex,
					"Point CRONHIVE_WORKER_DATA_DIR (cronhive.worker.data-dir) at a writable directory.");
		}
		this.channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		this.lock = tryLock(this.channel);
		if (this.lock == null) {
			this.channel.close();
			throw new StartupRefusedException("The worker data directory " + dir + " is in use by another worker-agent.",
					"Give each agent on this host its own CRONHIVE_WORKER_DATA_DIR (cronhive.worker.data-dir).");
		}
		logger.info("Worker data directory {}", dir);
	}

	private static void prepare(Path dir, String permissions) throws IOException {
		Files.createDirectories(dir);
		try {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Not ours to change (shared mount) or not POSIX: the operator's permissions stand.
			logger.debug("Cannot set permissions of {}: {}", dir, ex.toString());
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Held by another agent in this very JVM (tests): just as taken.
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.channel.close();
	}

}
