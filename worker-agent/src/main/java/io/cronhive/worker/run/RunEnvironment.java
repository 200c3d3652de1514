package io.cronhive.worker.run;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.cronhive.common.dispatch.RunRequest;

/**
 * The environment a run's process gets on top of the agent's (minus the agent's own {@code CRONHIVE_*}
 * settings): the job's parameters as variables, then the run's identity and, for a run a job dependency
 * triggered, its parent run's, which parameters cannot override.
 */
final class RunEnvironment {

	private RunEnvironment() {
	}

	static Map<String, String> of(RunRequest request, Path workDir) {
		Map<String, String> env = new HashMap<>();
		request.parameters().forEach((name, value) -> {
			// The OS cannot carry these; skipping them beats failing the run.
			if (name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0 && value != null
					&& value.indexOf('\0') < 0) {
				env.put(name, value);
			}
		});
		env.put("CRONHIVE_RUN_ID", Long.toString(request.runId()));
		env.put("CRONHIVE_JOB_ID", String.valueOf(request.jobId()));
		env.put("CRONHIVE_JOB_NAME", String.valueOf(request.jobName()));
		env.put("CRONHIVE_ATTEMPT", Integer.toString(request.attempt()));
		env.put("CRONHIVE_SCHEDULED_AT_MS", Long.toString(request.scheduledAtMs()));
		env.put("CRONHIVE_WORK_DIR", workDir.toAbsolutePath().toString());
		if (request.parent() != null) {
			env.put("CRONHIVE_PARENT_RUN_ID", Long.toString(request.parent().runId()));
			env.put("CRONHIVE_PARENT_JOB_ID", String.valueOf(request.parent().jobId()));
			env.put("CRONHIVE_PARENT_STATUS", String.valueOf(request.parent().status()));
		}
		return env;
	}

}
