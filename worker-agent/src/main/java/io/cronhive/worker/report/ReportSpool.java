package io.cronhive.worker.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.health.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports of finished runs, durable before anyone is told. Writers commit in groups: one writer thread gathers
 * what is queued until reports stop coming for {@link #QUIET_NANOS} (at most {@link #MAX_GATHER_NANOS}, or
 * until a group is full), writes it as one file (see {@link SpoolFiles}) and tells all the submitters. So at
 * thousands of runs a second one file and one fsync serve a whole instant's runs, and the file work happens
 * after the instant's calls went out rather than competing with them for the CPU. A file is deleted only once
 * every report in it was acknowledged; until then it stays, and after a restart its reports are sent again
 * (masters apply a report once, so a repeat changes nothing). Files written in this life are kept in memory
 * too, within {@link #MAX_HELD_CHARS}, so delivery does not read and parse back what was just written.
 */
public class ReportSpool {

	private static final Logger logger = LoggerFactory.getLogger(ReportSpool.class);

	/** Reports per file at most. */
	static final int MAX_GROUP = 4096;

	/** How long the idle writer sleeps between looks at the queue. */
	private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** A group is written once no report joined it for this long. */
	static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/** A group is written at the latest this long after its first report, even while reports keep coming. */
	static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

	private final Path dir;

	private final JsonMapper mapper;

	/**
	 * Report text held in memory for delivery at most. Reports usually leave within a second, so this only
	 * fills while no master answers; beyond it, delivery reads the files.
	 */
	static final long MAX_HELD_CHARS = 8 * 1024 * 1024;

	private final SpoolIndex index = new SpoolIndex();

	/** The reports of files written in this life, while they fit in {@link #MAX_HELD_CHARS}. */
	private final Map<Path, Held> held = new ConcurrentHashMap<>();

	private final AtomicLong heldChars = new AtomicLong();

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	/** Queued reports; lets the writer see a full group without walking the queue. */
	private final AtomicInteger queued = new AtomicInteger();

	private final Thread writer;

	private volatile Watchdog watchdog;

	private volatile boolean closed;

	/** Only the writer thread touches it. */
	private long sequence;

	ReportSpool(Path dir, JsonMapper mapper) {
		this.dir = dir;
		this.mapper = mapper;
		load();
		this.writer = Thread.ofPlatform().name("spool-writer").daemon().start(this::writeLoop);
	}

	/**
	 * Queues a report for the next group and returns at once; {@code then} hears when the group is on disk or
	 * could not be written. This spares a run's thread the wait for its group, so it can go on to the next run.
	 * @param then called on the spool's writer thread, after the fsync: it must be quick and not block
	 * @throws IOException when the spool is closed; the report is not queued then
	 */
	public void submit(RunReport report, Written then) throws IOException {
		Pending pending = new Pending(report, then);
		if (this.closed) {
			throw new IOException("the report spool is closed");
		}
		this.queue.add(pending);
		// Only the first report of a group wakes the writer: an unpark per report cost a thread wake-up each
		// in the middle of an instant's runs, and the gathering writer looks at the queue by itself.
		if (this.queued.incrementAndGet() == 1) {
			LockSupport.unpark(this.writer);
		}
		if (!this.writer.isAlive() && this.queue.remove(pending)) {
			// Closed between the check and the add: nobody would ever write it.
			this.queued.decrementAndGet();
			throw new IOException("the report spool is closed");
		}
	}

	/** Has the watchdog fail the agent if the writer thread dies: reports would pile up unwritten. */
	public void watchedBy(Watchdog watchdog) {
		this.watchdog = watchdog;
		watchdog.watch("report spool writer", this.writer);
	}

	/** Stops the writer once what is queued is written. */
	public void close() {
		if (this.watchdog != null) {
			this.watchdog.release(this.writer);
		}
		this.closed = true;
		LockSupport.unpark(this.writer);
		try {
			this.writer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void writeLoop() {
		while (true) {
			if (this.queue.isEmpty()) {
				if (this.closed) {
					return;
				}
				LockSupport.parkNanos(this, IDLE_PARK_NANOS);
				continue;
			}
			gather();
			while (!this.queue.isEmpty()) {
				commitQueued();
			}
		}
	}

	/** Runs that share an instant finish within milliseconds of each other: lets them join one group. */
	private void gather() {
		long start = System.nanoTime();
		long lastGrowth = start;
		int seen = this.queued.get();
		while (seen < MAX_GROUP && !this.closed) {
			long now = System.nanoTime();
			if (now - lastGrowth >= QUIET_NANOS || now - start >= MAX_GATHER_NANOS) {
				return;
			}
			LockSupport.parkNanos(this, Math.min(QUIET_NANOS, MAX_GATHER_NANOS - (now - start)));
			int queuedNow = this.queued.get();
			if (queuedNow != seen) {
				seen = queuedNow;
				lastGrowth = System.nanoTime();
			}
		}
	}

	/** Spooled files with reports still to deliver, oldest first. */
	List<Path> pending() {
		return this.index.files();
	}

	/**
	 * The reports of a spooled file not acknowledged yet. An unreadable file is set aside (renamed *.corrupt)
	 * rather than retried forever.
	 */
	List<RunReport> read(Path file) throws IOException {
		Set<Long> remaining = this.index.remaining(file);
		if (remaining.isEmpty()) {
			return List.of();
		}
		Held inMemory = this.held.get(file);
		if (inMemory != null) {
			return inMemory.reports().stream().filter((r) -> remaining.contains(r.runId())).toList();
		}
		try {
			return SpoolFiles.read(this.mapper, file).stream().filter((r) -> remaining.contains(r.runId())).toList();
		}
		catch (NoSuchFileException ex) {
			this.index.remove(file);
			logger.error("Spooled report file {} vanished with {} undelivered report(s)", file.getFileName(),
					remaining.size());
			return List.of();
		}
		catch (RuntimeException ex) {
			this.index.remove(file);
			setAside(file, ex);
			return List.of();
		}
	}

	/** Forgets acknowledged reports of a file, and the file once none of it is left. */
	void acknowledge(Path file, Collection<Long> runIds) {
		if (this.index.acknowledge(file, runIds)) {
			release(file);
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// Left behind, it is read again at the next start and its reports are answered "already applied".
				logger.warn("Cannot delete delivered spool file {}: {}", file.getFileName(), ex.toString());
			}
		}
	}

	/** Whether a report of this run is spooled and not yet acknowledged. */
	public boolean contains(long runId) {
		return this.index.contains(runId);
	}

	/** Reports spooled and not yet acknowledged. */
	public int size() {
		return this.index.size();
	}

	private void commitQueued() {
		List<Pending> group = new ArrayList<>();
		Pending next;
		while (group.size() < MAX_GROUP && (next = this.queue.poll()) != null) {
			group.add(next);
		}
		this.queued.addAndGet(-group.size());
		if (group.isEmpty()) {
			return;
		}
		Exception failure = null;
		try {
			writeGroup(group.stream().map(Pending::report).toList());
		}
		catch (IOException | RuntimeException ex) {
			failure = ex;
		}
		for (Pending pending : group) {
			try {
				pending.then().written(failure);
			}
			catch (RuntimeException ex) {
				// One submitter's failing callback must neither stop the writer nor starve the rest of the group.
				logger.error("Handling the spooled report of run {} failed", pending.report().runId(), ex);
			}
		}
	}

	private void writeGroup(List<RunReport> reports) throws IOException {
		Files.createDirectories(this.dir);
		Path target;
		do {
			// Named by time and sequence so that, at the next start, name order breaks modification-time ties.
			target = this.dir.resolve(String.format("g-%013d-%06d%s", System.currentTimeMillis(), ++this.sequence,
					SpoolFiles.SUFFIX));
		}
		while (this.index.contains(target) || Files.exists(target));
		SpoolFiles.writeDurably(target, this.mapper.writeValueAsBytes(reports));
		hold(target, reports);
		this.index.add(target, reports.stream().map(RunReport::runId).toList());
	}

	private void hold(Path file, List<RunReport> reports) {
		long chars = reports.stream().mapToLong(ReportSpool::estimatedChars).sum();
		if (this.heldChars.addAndGet(chars) <= MAX_HELD_CHARS) {
			this.held.put(file, new Held(reports, chars));
		}
		else {
			this.heldChars.addAndGet(-chars);
		}
	}

	private void release(Path file) {
		Held released = this.held.remove(file);
		if (released != null) {
			this.heldChars.addAndGet(-released.chars());
		}
	}

	/** Fixed fields are well under 512 characters; output and message dominate. */
	static long estimatedChars(RunReport report) {
		return 512 + ((report.output() != null) ? report.output().length() : 0)
				+ ((report.message() != null) ? report.message().length() : 0);
	}

	/** Indexes what an earlier life of the agent left: complete files in write order; temp files are torn. */
	private void load() {
		if (!Files.isDirectory(this.dir)) {
			return;
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.dir)) {
			files = listing.toList();
		}
		catch (IOException ex) {
			logger.warn("Cannot list the report spool {}: {}", this.dir, ex.toString());
			return;
		}
		files.stream().filter(SpoolFiles::isTempFile).forEach(this::deleteTorn);
		List<Path> complete = files.stream()
			.filter(SpoolFiles::isReportFile)
			.sorted(Comparator.comparingLong(ReportSpool::modified).thenComparing(Path::toString))
			.toList();
		for (Path file : complete) {
			try {
				this.index.add(file, SpoolFiles.read(this.mapper, file).stream().map(RunReport::runId).toList());
			}
			catch (IOException ex) {
				logger.warn("Cannot read spooled report file {}: {}", file.getFileName(), ex.toString());
			}
			catch (RuntimeException ex) {
				setAside(file, ex);
			}
		}
	}

	private void setAside(Path file, Exception why) {
		Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
		try {
			Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
			logger.error("Spooled report file {} is unreadable ({}); moved to {}", file.getFileName(), why.getMessage(),
					aside);
		}
		catch (IOException ex) {
			logger.error("Spooled report file {} is unreadable ({}) and cannot be moved aside: {}", file.getFileName(),
					why.getMessage(), ex.toString());
		}
	}

	private void deleteTorn(Path temp) {
		try {
			Files.deleteIfExists(temp);
			logger.debug("Deleted torn spool temp file {}", temp.getFileName());
		}
		catch (IOException ex) {
			logger.debug("Cannot delete torn spool temp file {}: {}", temp.getFileName(), ex.toString());
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

	/** A file's reports kept in memory, and their estimated size counted against {@link #MAX_HELD_CHARS}. */
	private record Held(List<RunReport> reports, long chars) {
	}

	/** What a submitter of a report hears once its group was written. */
	@FunctionalInterface
	public interface Written {

		/** @param failure null when the report is durable; else why its group could not be written */
		void written(Exception failure);

	}

	private record Pending(RunReport report, Written then) {
	}

}
