package io.cronhive.worker.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks programs up on the agent's PATH, so a missing toolchain is reported clearly instead of as an IOException. */
public final class Toolchain {

	private Toolchain() {
	}

	/** The absolute path of {@code program} on PATH, or null when it is not there. */
	public static String find(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(dir, program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
