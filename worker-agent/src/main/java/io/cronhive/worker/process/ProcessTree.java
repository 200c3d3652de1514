package io.cronhive.worker.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds every process belonging to a run. {@link ProcessHandle#descendants()} misses children whose parent
 * already exited (they are re-parented to init), so each run starts in its own session and the session is
 * also looked up in {@code /proc}: a backgrounded {@code sleep &} cannot outlive its run.
 */
final class ProcessTree {

	private static final Path PROC = Path.of("/proc");

	private ProcessTree() {
	}

	/** The leader (if alive), its live descendants, and every process in the session it leads. */
	static Set<ProcessHandle> members(ProcessHandle leader, boolean ownSession) {
		Set<ProcessHandle> members = new LinkedHashSet<>();
		if (leader.isAlive()) {
			members.add(leader);
			leader.descendants().forEach(members::add);
		}
		if (ownSession) {
			sessionMembers(leader.pid()).forEach(members::add);
		}
		members.removeIf(p -> !isRunning(p.pid()));
		return members;
	}

	/**
	 * SIGKILLs what is left of a session whose leader's agent died, but only processes that carry
	 * {@code marker} (e.g. {@code CRONHIVE_RUN_ID=42}) in their environment: after a restart the session id
	 * may since have been reused by an unrelated process.
	 * @return how many processes were killed
	 */
	static int killMarkedSession(long sessionId, String marker) {
		List<ProcessHandle> marked = sessionMembers(sessionId).filter(p -> hasEnvironment(p.pid(), marker)).toList();
		marked.forEach(ProcessHandle::destroyForcibly);
		return marked.size();
	}

	private static boolean hasEnvironment(long pid, String entry) {
		try {
			byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
			return Arrays.asList(new String(environ, StandardCharsets.UTF_8).split("\0")).contains(entry);
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** Alive and not a zombie: a zombie has exited and only waits to be reaped. */
	static boolean isRunning(long pid) {
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isEmpty() || !handle.get().isAlive()) {
			return false;
		}
		String[] stat = stat(pid);
		return stat == null || !"Z".equals(stat[0]);
	}

	private static Stream<ProcessHandle> sessionMembers(long sessionId) {
		if (!Files.isDirectory(PROC)) {
			return Stream.empty();
		}
		try (Stream<Path> entries = Files.list(PROC)) {
			return entries.map(p -> p.getFileName().toString())
				.filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
				.mapToLong(Long::parseLong)
				.filter(pid -> {
					String[] stat = stat(pid);
					return stat != null && Long.parseLong(stat[3]) == sessionId;
				})
				.mapToObj(ProcessHandle::of)
				.flatMap(Optional::stream)
				.toList()
				.stream();
		}
		catch (IOException | RuntimeException ex) {
			return Stream.empty();
		}
	}

	/** Fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ... */
	private static String[] stat(long pid) {
		try {
			String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
			// The command name may contain spaces and parentheses; it ends at the last ')'.
			return line.substring(line.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
