package io.cronhive.worker.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator can tune on an agent, bound to {@code cronhive.worker.*} and validated at start so a
 * bad value stops the agent before it registers. Name and host default to the machine's hostname and
 * non-loopback address (see {@link WorkerIdentityEnvironmentPostProcessor}).
 *
 * @param name worker name shown to users (defaults to the hostname)
 * @param host address the master reaches this agent at (defaults to the first non-loopback address)
 * @param tag worker type jobs are matched on; empty for none
 * @param dataDir root of the agent's local state (spool, logs, work dirs, run journal), locked by one agent
 * @param spoolDir where finished runs' reports wait for a master's acknowledgement (default dataDir/spool)
 * @param workDir parent of the per-run working directories (default dataDir/work)
 * @param logDir full output of each run, for tailing and retention (default dataDir/logs)
 * @param maxConcurrentRuns process runs (command, shell, python, go) beyond this are refused with 429 so the
 * master fails over
 * @param maxConcurrentHttpRuns HTTP runs beyond this are refused the same way; 0 (the default) takes as many
 * as the heap carries (about 12 KB each, half of what the heap holds beyond the agent's own 64 MB: some 8,000
 * with 256 MB), and a larger value is lowered to that. They hold no process, and while they wait for their call
 * only a queue entry, so a worker can carry thousands that share one instant
 * @param httpConnectionsPerHost keep-alive connections HTTP jobs may hold to one host, and the number of lanes
 * that carry HTTP calls one after another; more simultaneous calls queue, so a burst of jobs cannot open
 * thousands of connections to one service (calls stuck for over 50 ms get extra lanes, up to
 * {@code maxConcurrentHttpRuns})
 * @param maxStartDelay longest a run handed over ahead of its instant is held before it starts anyway, so a
 * master whose clock runs ahead of this host's cannot park runs here
 * @param outputCapBytes output kept in a run's report (head and tail); the full output stays in the log file
 * @param maxLogBytes per-run log file limit, so a runaway process cannot fill the disk
 * @param logRetention how long run log files are kept for tailing and inspection
 * @param knownRunRetention how long a run id is remembered to refuse a repeated dispatch
 * @param shutdownGrace how long running runs may finish after SIGTERM before they are killed
 * @param killGrace time between SIGTERM and SIGKILL when a run's process tree is killed
 * @param signatureWindow accepted clock skew for signed requests
 * @param runAsUser unprivileged user jobs run as when the agent runs as root; empty to run as the agent
 * @param allowLinkLocalHttp whether HTTP jobs may call link-local and cloud metadata addresses
 * @param reportBackoffMax upper bound of the exponential backoff between report delivery attempts
 */
@Validated
@ConfigurationProperties("cronhive.worker")
public record WorkerProperties(@NotBlank String name, @NotBlank String host, @DefaultValue("") String tag,
		@NotNull Path dataDir, Path spoolDir, Path workDir, Path logDir, @DefaultValue("16") @Min(1) @Max(4096) int maxConcurrentRuns,
		@DefaultValue("0") @Min(0) @Max(65536) int maxConcurrentHttpRuns,
		@DefaultValue("256") @Min(1) @Max(65536) int httpConnectionsPerHost,
		@DefaultValue("5s") @NotNull Duration maxStartDelay,
		@DefaultValue("64KB") @NotNull DataSize outputCapBytes, @DefaultValue("100MB") @NotNull DataSize maxLogBytes,
		@DefaultValue("7d") @NotNull Duration logRetention, @DefaultValue("24h") @NotNull Duration knownRunRetention,
		@DefaultValue("60s") @NotNull Duration shutdownGrace, @DefaultValue("5s") @NotNull Duration killGrace,
		@DefaultValue("30s") @NotNull Duration signatureWindow, @DefaultValue("") String runAsUser,
		@DefaultValue("false") boolean allowLinkLocalHttp, @DefaultValue("30s") @NotNull Duration reportBackoffMax) {

	public WorkerProperties {
		if (dataDir != null) {
			spoolDir = (spoolDir != null) ? spoolDir : dataDir.resolve("spool");
			workDir = (workDir != null) ? workDir : dataDir.resolve("work");
			logDir = (logDir != null) ? logDir : dataDir.resolve("logs");
		}
	}

	public Path stateDir() {
		return this.dataDir.resolve("state");
	}

	public boolean hasRunAsUser() {
		return this.runAsUser != null && !this.runAsUser.isBlank();
	}

}
