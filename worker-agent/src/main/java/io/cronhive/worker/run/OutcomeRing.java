package io.cronhive.worker.run;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;

/**
 * Each run's outcome, written into a memory-mapped ring as the run ends, so that a result survives the agent's
 * process dying before its report reached the spool (which gathers a burst's reports for up to 150 ms before
 * one fsync). Memory-mapped pages belong to the kernel's page cache: what a thread stored there is in the file
 * even if the process is killed the next instant, with no system call per run (a write and an fsync per run
 * cost a fifth of a worker's CPU at 2,000 runs a second). It does not survive the machine losing power; the
 * fsynced spool does, a moment later.
 * <p>
 * A record is 40 bytes: run id, start, end, exit code, status, outcome, and a check over them written last, so
 * a record torn by the kill is ignored. After a restart the ring tells the outcome of interrupted runs it has;
 * {@value #SLOTS} slots hold the last half minute at 2,000 runs a second, far more than the spool's window.
 */
final class OutcomeRing implements AutoCloseable {

	static final int SLOTS = 65_536;

	static final int RECORD_BYTES = 40;

	private final FileChannel channel;

	private final MappedByteBuffer map;

	private final AtomicLong next = new AtomicLong();

	/** What the ring held when it was opened: the previous life's last outcomes. */
	private final Map<Long, Recorded> before;

	OutcomeRing(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		this.map = this.channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOTS * RECORD_BYTES);
		this.before = readAll();
	}

	/** Stores a run's outcome; costs a few memory writes. Thread-safe: each record has a slot of its own. */
	void record(long runId, RunStatus status, RunOutcome outcome, int exitCode, long startedAtMs, long endedAtMs) {
		int at = (int) (this.next.getAndIncrement() % SLOTS) * RECORD_BYTES;
		// The check goes first as 0 and last as its value: a record caught half-written by a kill never matches.
		this.map.putLong(at + 32, 0);
		this.map.putLong(at, runId);
		this.map.putLong(at + 8, startedAtMs);
		this.map.putLong(at + 16, endedAtMs);
		this.map.putInt(at + 24, exitCode);
		this.map.put(at + 28, (byte) status.code());
		this.map.put(at + 29, (byte) outcome.code());
		this.map.putLong(at + 32, check(runId, startedAtMs, endedAtMs, exitCode, status.code(), outcome.code()));
	}

	/** The outcome the previous life of the agent recorded for a run, if the ring still held it at start. */
	Optional<Recorded> recorded(long runId) {
		return Optional.ofNullable(this.before.get(runId));
	}

	private Map<Long, Recorded> readAll() {
		Map<Long, Recorded> found = new HashMap<>();
		for (int slot = 0; slot < SLOTS; slot++) {
			int at = slot * RECORD_BYTES;
			long runId = this.map.getLong(at);
			long started = this.map.getLong(at + 8);
			long ended = this.map.getLong(at + 16);
			int exitCode = this.map.getInt(at + 24);
			int status = this.map.get(at + 28);
			int outcome = this.map.get(at + 29);
			if (runId == 0 || this.map.getLong(at + 32) != check(runId, started, ended, exitCode, status, outcome)) {
				continue;
			}
			try {
				found.merge(runId, new Recorded(RunStatus.fromCode(status), RunOutcome.fromCode(outcome), exitCode,
						started, ended), (a, b) -> (a.endedAtMs() >= b.endedAtMs()) ? a : b);
			}
			catch (IllegalArgumentException ex) {
				// A code this version does not know: not an outcome to act on.
			}
		}
		return found;
	}

	private static long check(long runId, long started, long ended, int exitCode, int status, int outcome) {
		long h = 0x9E3779B97F4A7C15L;
		for (long v : new long[] { runId, started, ended, exitCode, status, outcome }) {
			h = (h ^ v) * 0xBF58476D1CE4E5B9L;
			h ^= (h >>> 31);
		}
		// Never 0, which marks a slot being written.
		return (h == 0) ? 1 : h;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	/** A run's outcome as the ring recorded it. */
	record Recorded(RunStatus status, RunOutcome outcome, int exitCode, long startedAtMs, long endedAtMs) {
	}

}
