package io.cronhive.worker.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.cronhive.worker.config.StartupRefusedException;
import io.cronhive.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unprivileged account jobs run as when the agent itself runs as root. {@code setpriv} switches real and
 * effective uid and gid and initialises supplementary groups before exec, without PAM or a login session,
 * so the switched process is still the one the agent can signal and wait for.
 *
 * @param name the user name
 * @param uid numeric user id
 * @param gid numeric primary group id
 * @param home the user's home directory
 * @param setpriv path of the setpriv binary
 */
public record RunAsUser(String name, int uid, int gid, String home, String setpriv) {

	private static final Logger logger = LoggerFactory.getLogger(RunAsUser.class);

	List<String> setprivPrefix() {
		return List.of(this.setpriv, "--reuid=" + this.uid, "--regid=" + this.gid, "--init-groups", "--");
	}

	Map<String, String> environment() {
		return Map.of("HOME", this.home, "USER", this.name, "LOGNAME", this.name);
	}

	/** Gives a run's working directory to the run-as user, so the job can write there. */
	public void own(Path dir) throws IOException {
		Files.setAttribute(dir, "unix:uid", this.uid);
		Files.setAttribute(dir, "unix:gid", this.gid);
	}

	static RunAsUser resolve(WorkerProperties properties, String setpriv) {
		boolean root = currentUid() == 0;
		if (!properties.hasRunAsUser()) {
			if (root) {
				logger.warn("The agent runs as root and cronhive.worker.run-as-user is empty: jobs run as root");
			}
			return null;
		}
		String user = properties.runAsUser().trim();
		if (!root) {
			throw new StartupRefusedException(
					"cronhive.worker.run-as-user is '" + user + "' but the agent does not run as root, so it cannot switch user.",
					"Run the agent as root to use run-as-user, or clear CRONHIVE_WORKER_RUN_AS_USER to run jobs as the agent's user.");
		}
		if (setpriv == null) {
			throw new StartupRefusedException("cronhive.worker.run-as-user is set but setpriv is not on PATH.",
					"Install util-linux (it provides setpriv) or clear CRONHIVE_WORKER_RUN_AS_USER.");
		}
		String[] entry = passwdEntry(user);
		if (entry == null) {
			throw new StartupRefusedException("The run-as user '" + user + "' does not exist on this host.",
					"Create it (e.g. 'useradd --system --create-home " + user + "') or change CRONHIVE_WORKER_RUN_AS_USER.");
		}
		RunAsUser runAs = new RunAsUser(user, Integer.parseInt(entry[2]), Integer.parseInt(entry[3]), entry[5], setpriv);
		logger.info("Jobs run as user {} (uid {}, gid {})", user, runAs.uid(), runAs.gid());
		return runAs;
	}

	private static String[] passwdEntry(String user) {
		try {
			Process getent = new ProcessBuilder("getent", "passwd", user).redirectErrorStream(true).start();
			String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (getent.waitFor() != 0 || line.isEmpty()) {
				return null;
			}
			String[] fields = line.split(":", -1);
			return (fields.length >= 7) ? fields : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static int currentUid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
	}

}
