package io.cronhive.worker.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the spool holds, in memory: each file's not yet acknowledged run ids (files in delivery order) and
 * each run's file. Built once from the directory at start and kept with every write and acknowledgement, so
 * the startup check, the size gauge and delivery never list or stat the directory.
 */
final class SpoolIndex {

	private final Map<Path, Set<Long>> remaining = new LinkedHashMap<>();

	private final Map<Long, Path> fileOfRun = new HashMap<>();

	private int reports;

	synchronized void add(Path file, Collection<Long> runIds) {
		Set<Long> ids = new HashSet<>(runIds);
		Set<Long> previous = this.remaining.put(file, ids);
		if (previous != null) {
			forget(file, previous);
		}
		for (Long runId : ids) {
			// A run spooled twice (rare: its report repeated after a restart) maps to its newest file.
			this.fileOfRun.put(runId, file);
		}
		this.reports += ids.size();
	}

	/** Files with something left to deliver, oldest first. */
	synchronized List<Path> files() {
		return new ArrayList<>(this.remaining.keySet());
	}

	/** The run ids of the file still to deliver; empty when the file is not (or no longer) spooled. */
	synchronized Set<Long> remaining(Path file) {
		Set<Long> ids = this.remaining.get(file);
		return (ids != null) ? Set.copyOf(ids) : Set.of();
	}

	/**
	 * Marks reports of a file delivered.
	 * @return true when nothing of the file is left, so it may be deleted; it is no longer indexed then
	 */
	synchronized boolean acknowledge(Path file, Collection<Long> runIds) {
		Set<Long> ids = this.remaining.get(file);
		if (ids == null) {
			return false;
		}
		List<Long> done = runIds.stream().filter(ids::remove).toList();
		forget(file, done);
		if (ids.isEmpty()) {
			this.remaining.remove(file);
			return true;
		}
		return false;
	}

	synchronized void remove(Path file) {
		Set<Long> ids = this.remaining.remove(file);
		if (ids != null) {
			forget(file, ids);
		}
	}

	synchronized boolean contains(long runId) {
		return this.fileOfRun.containsKey(runId);
	}

	synchronized boolean contains(Path file) {
		return this.remaining.containsKey(file);
	}

	/** Reports not yet acknowledged. */
	synchronized int size() {
		return this.reports;
	}

	private void forget(Path file, Collection<Long> runIds) {
		this.reports -= runIds.size();
		for (Long runId : runIds) {
			this.fileOfRun.remove(runId, file);
		}
	}

}
