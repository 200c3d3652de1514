package io.cronhive.worker.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cronhive.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * An append-only, fsynced record of the run ids this agent accepted and finished, and the highest epoch it
 * has seen for each partition ({@link HighestEpochs}), for the cluster it serves. It is what makes "never run a
 * run id twice" and epoch fencing hold across restarts, and it names the runs a crash interrupted, with the
 * process session to clean up. Run ids and epochs belong to one cluster (one database): a {@code C clusterId}
 * line starts a new cluster's record, forgetting the ids and epochs of the one before. Lines:
 * {@code C clusterId}, {@code E epoch [partition]}, {@code A runId epoch acceptedAtMs [partition]},
 * {@code P runId pid}, {@code F runId}, and, from compaction, {@code K} lines of {@link KnownRunIds} blocks. An
 * epoch without a partition is a master's of before partitions, so journals written before partitions read as
 * they were meant; an agent of before partitions reading this one takes every epoch for its one highest.
 * Compacted at start and whenever the appends since the last compaction outgrow it (and at least
 * {@link #COMPACT_MIN_BYTES}), so rewriting costs a constant share of the appending, keeping ids for the
 * retention.
 */
@Component
class RunJournal implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunJournal.class);

	static final long COMPACT_MIN_BYTES = 4 * 1024 * 1024;

	static final int FINISHED_BATCH = 256;

	private final Path file;

	private final Clock clock;

	private final long retentionMs;

	/** Every run id taken within the retention. */
	private final KnownRunIds known = new KnownRunIds();

	/** Accepted and not yet finished, by run id: the runs a crash would interrupt. */
	private final Map<Long, Interrupted> open = new LinkedHashMap<>();

	private final List<Interrupted> interruptedAtStart = new ArrayList<>();

	private final HighestEpochs highestEpochs = new HighestEpochs();

	/** The cluster whose runs these are; null before the first run (or in a journal older than cluster ids). */
	private String clusterId;

	private long bytesSinceCompaction;

	private long compactedBytes;

	/** Finished marks not yet written (see {@link #finished}). */
	private final StringBuilder finishedLines = new StringBuilder();

	private int finishedPending;

	private FileChannel channel;

	// Group commit: appends are numbered under this object's lock, and one fsync makes every append written
	// before it durable, so a burst of runs shares a few fsyncs instead of queueing one each behind the lock.
	private long appendedSeq;

	private boolean closed;

	private final Object syncLock = new Object();

	private long syncedSeq; // guarded by syncLock

	RunJournal(WorkerProperties properties, Clock clock) throws IOException {
		this.file = properties.stateDir().resolve("runs.journal");
		this.clock = clock;
		this.retentionMs = properties.knownRunRetention().toMillis();
		load();
		compact();
	}

	synchronized boolean knows(long runId) {
		return this.known.contains(runId);
	}

	/**
	 * The highest epoch seen for {@code partition}, which a dispatch of it must not be below; for null, the
	 * highest of the masters of before partitions.
	 */
	synchronized long highestEpoch(Integer partition) {
		return this.highestEpochs.of(partition);
	}

	synchronized String clusterId() {
		return this.clusterId;
	}

	/** Whether runs accepted here are not finished yet (running, or interrupted by a crash and not reported). */
	synchronized boolean hasOpenRuns() {
		return !this.open.isEmpty();
	}

	/**
	 * Records that the runs from now on are {@code clusterId}'s, without waiting for the disk (like
	 * {@link #recordAccepted}). Another cluster's ids and epochs start afresh: its database made them, and they
	 * say nothing about this one's. The first cluster a journal hears of keeps what the journal holds, which
	 * came from that same cluster before journals named it. Only while no run is open, so that no open run
	 * belongs to a forgotten cluster.
	 * @return the sequence number to await
	 */
	synchronized long serveCluster(String clusterId) throws IOException {
		if (!this.open.isEmpty()) {
			throw new IllegalStateException(this.open.size() + " run(s) of cluster " + this.clusterId + " are open");
		}
		startCluster(clusterId);
		return append("C " + clusterId + "\n");
	}

	/** What a {@code C} line means, whether appended now or read at start. */
	private void startCluster(String clusterId) {
		if (this.clusterId != null) {
			this.known.clear();
			this.highestEpochs.clear();
		}
		this.clusterId = clusterId;
	}

	/**
	 * Durably records an accepted run before it starts, so a restart cannot run it again.
	 * @param partition the partition whose epoch {@code epoch} is, or null from a master of before partitions
	 */
	void accepted(long runId, long epoch, Integer partition) throws IOException {
		awaitDurable(recordAccepted(runId, epoch, partition));
	}

	/**
	 * Records an accepted run without waiting for the disk, so a batch of runs can share one
	 * {@link #awaitDurable}; nothing may start before that returns.
	 * @return the sequence number to await
	 */
	synchronized long recordAccepted(long runId, long epoch, Integer partition) throws IOException {
		Interrupted run = new Interrupted(runId, epoch, partition, this.clock.millis(), 0);
		long seq = append(run.acceptance() + "\n");
		this.known.add(runId, run.acceptedAtMs());
		this.open.put(runId, run);
		this.highestEpochs.seen(partition, epoch);
		return seq;
	}

	/**
	 * Forgets accepted runs whose record could not be made durable: they never started, and the master was
	 * told so, so a later dispatch of the same id must run rather than be taken for a repeat.
	 */
	synchronized void forget(long runId) {
		this.known.remove(runId);
		this.open.remove(runId);
	}

	/** Records the pid of a run's process (its session id), so a restart can kill what a crash left running. */
	void started(long runId, long pid) throws IOException {
		long seq;
		synchronized (this) {
			seq = append("P " + runId + " " + pid + "\n");
			this.open.computeIfPresent(runId, (id, run) -> run.withPid(pid));
		}
		awaitDurable(seq);
	}

	/**
	 * Records that a run's report is spooled: it no longer needs a crash report after a restart. The mark is
	 * neither written nor fsynced at once: it rides along with the next append, or goes out once
	 * {@link #FINISHED_BATCH} have gathered. A mark lost in a crash costs one repeated report, which the master
	 * answers as already applied; a syscall and an fsync per run cost a worker a fifth of its CPU at 2,000 runs/s.
	 */
	synchronized void finished(long runId) throws IOException {
		this.open.remove(runId);
		this.finishedLines.append("F ").append(runId).append('\n');
		if (++this.finishedPending >= FINISHED_BATCH) {
			append("");
		}
	}

	/** Returns once the append numbered {@code seq} is on disk, sharing one fsync with concurrent appenders. */
	void awaitDurable(long seq) throws IOException {
		synchronized (this.syncLock) {
			if (this.syncedSeq >= seq) {
				return;
			}
			FileChannel target;
			long upTo;
			synchronized (this) {
				if (this.closed) {
					throw new IOException("run journal is closed");
				}
				target = this.channel;
				upTo = this.appendedSeq;
			}
			try {
				target.force(false);
			}
			catch (java.nio.channels.ClosedChannelException ex) {
				// Compacted meanwhile: the compacted file, fsynced, holds every append made before it.
			}
			this.syncedSeq = upTo;
		}
	}

	/** Runs accepted by an earlier life of the agent that never finished (it died while they ran). */
	synchronized List<Interrupted> interrupted() {
		return List.copyOf(this.interruptedAtStart);
	}

	/**
	 * Writes one record, after the finished marks gathered so far (not yet durable: see {@link #awaitDurable});
	 * answers its sequence number.
	 */
	private long append(String line) throws IOException {
		String records = line;
		if (this.finishedPending > 0) {
			records = this.finishedLines.append(line).toString();
			this.finishedLines.setLength(0);
			this.finishedPending = 0;
		}
		this.channel.write(ByteBuffer.wrap(records.getBytes(StandardCharsets.US_ASCII)));
		this.bytesSinceCompaction += records.length();
		if (this.bytesSinceCompaction >= Math.max(COMPACT_MIN_BYTES, this.compactedBytes)) {
			compact();
		}
		return ++this.appendedSeq;
	}

	private void load() throws IOException {
		if (!Files.exists(this.file)) {
			return;
		}
		Map<Long, Interrupted> unfinished = new HashMap<>();
		List<String> lines = Files.readAllLines(this.file, StandardCharsets.US_ASCII);
		// A crash mid-append leaves a last line without its newline. It is dropped even when it parses (a cut
		// partition still reads as a number, another one): the run it names was never told it was accepted,
		// since that waits for the fsync.
		if (!lines.isEmpty() && !endsWithNewline()) {
			logger.warn("Ignoring torn last run journal line '{}'", lines.get(lines.size() - 1));
			lines = lines.subList(0, lines.size() - 1);
		}
		for (String line : lines) {
			String[] f = line.trim().split(" ");
			try {
				switch (f[0]) {
					case "C" -> startCluster(f[1]);
					case "E" -> this.highestEpochs.addLine(f);
					case "A" -> {
						Interrupted run = Interrupted.ofAcceptance(f);
						this.known.add(run.runId(), run.acceptedAtMs());
						this.highestEpochs.seen(run.partition(), run.epoch());
						unfinished.put(run.runId(), run);
					}
					case "P" -> unfinished.computeIfPresent(Long.parseLong(f[1]), (id, run) -> run.withPid(Long.parseLong(f[2])));
					case "F" -> unfinished.remove(Long.parseLong(f[1]));
					case "K" -> this.known.addLine(f);
					default -> {
						// blank line
					}
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Ignoring unreadable run journal line '{}'", line);
			}
		}
		unfinished.values().stream().sorted(Comparator.comparingLong(Interrupted::runId)).forEach(i -> {
			this.open.put(i.runId(), i);
			this.interruptedAtStart.add(i);
		});
		logger.info("Run journal: cluster {}, {} known run id(s), highest epoch {} (before partitions), {} "
				+ "interrupted run(s)", this.clusterId, this.known.size(), this.highestEpochs.of(null),
				this.interruptedAtStart.size());
	}

	private boolean endsWithNewline() throws IOException {
		try (FileChannel read = FileChannel.open(this.file, StandardOpenOption.READ)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			return read.size() > 0 && read.read(last, read.size() - 1) == 1 && last.get(0) == '\n';
		}
	}

	/**
	 * Rewrites the journal with what is still needed, atomically, then reopens it for appending: the cluster,
	 * the highest epochs, the known ids as bit blocks, and an acceptance (with its pid) for each run not yet
	 * finished.
	 */
	private void compact() throws IOException {
		this.known.removeOlderThan(this.clock.millis() - this.retentionMs, this.open.keySet());
		StringBuilder out = new StringBuilder();
		if (this.clusterId != null) {
			out.append("C ").append(this.clusterId).append('\n');
		}
		this.highestEpochs.forEachLine((line) -> out.append(line).append('\n'));
		this.known.forEachLine((line) -> out.append(line).append('\n'));
		this.open.values().forEach((running) -> {
			out.append(running.acceptance()).append('\n');
			if (running.pid() > 0) {
				out.append("P ").append(running.runId()).append(' ').append(running.pid()).append('\n');
			}
		});
		if (this.channel != null) {
			this.channel.close();
		}
		Files.createDirectories(this.file.getParent());
		Path temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		try (FileChannel tmp = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			tmp.write(ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.US_ASCII)));
			tmp.force(true);
		}
		Files.move(temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.channel = FileChannel.open(this.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		this.bytesSinceCompaction = 0;
		this.compactedBytes = out.length();
		// The rewrite holds every finished mark gathered so far.
		this.finishedLines.setLength(0);
		this.finishedPending = 0;
	}

	@Override
	public synchronized void close() throws IOException {
		if (this.finishedPending > 0 && !this.closed) {
			append("");
		}
		this.closed = true;
		this.channel.close();
	}

	/**
	 * A run the agent accepted and was executing when it died; pid 0 when its process never started, partition
	 * null when its master was one of before partitions.
	 */
	record Interrupted(long runId, long epoch, Integer partition, long acceptedAtMs, long pid) {

		/** Reads an {@code A runId epoch acceptedAtMs [partition]} line (its fields). */
		static Interrupted ofAcceptance(String[] fields) {
			Integer partition = (fields.length > 4) ? HighestEpochs.parse(fields[4]) : null;
			return new Interrupted(Long.parseLong(fields[1]), Long.parseLong(fields[2]), partition,
					Long.parseLong(fields[3]), 0);
		}

		/** Its {@code A} line; without a partition for a master of before partitions, as such lines always were. */
		String acceptance() {
			return "A " + this.runId + " " + this.epoch + " " + this.acceptedAtMs
					+ ((this.partition != null) ? " " + this.partition : "");
		}

		Interrupted withPid(long pid) {
			return new Interrupted(this.runId, this.epoch, this.partition, this.acceptedAtMs, pid);
		}

	}

}
