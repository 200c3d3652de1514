package io.cronhive.admin.job;

import java.util.List;
import java.util.Map;

import io.cronhive.admin.dependency.ChildJob;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/jobs} and {@code PUT /v1/jobs/{id}} (a full replacement). Sizes are checked here;
 * the rules that need parsing or the database (cron, zone, target, group, policies) in {@link JobValidator}.
 * There is no {@code username}: the creator is the authenticated caller.
 *
 * @param target a string (command, script, source, or an HTTP URL or HTTP request as JSON text) or, for http
 * jobs, the request as a JSON object
 * @param idempotent whether the target is safe to call twice: a run whose outcome is unknown (its worker died
 * while it ran) is then retried like a failed one; by default it is not, since it may have done its work
 * @param children jobs to trigger when this job's run reaches its final status; null keeps the current ones
 * @param joinParents jobs whose runs of one scheduled instant must all succeed for this job to run; null keeps
 * the current ones
 * @param joinTimeoutMs how long after the instant the join waits for its parents (default one hour)
 * @param version the version read before an update (alternatively an {@code If-Match} header); ignored on create
 */
record JobRequest(@NotBlank @Size(max = 128) String name, Long groupId, @Size(max = 64) String tag,
		@NotBlank @Size(max = 255) String cron, @Size(max = 64) String timeZone, @NotBlank String type,
		JsonNode target, @Size(max = 512) String remark, @Min(0) @Max(604_800_000L) Long timeoutMs,
		@Min(0) @Max(100) Integer retries, @Min(0) @Max(86_400_000L) Long retryBackoffMs, Boolean idempotent,
		String routing,
		String misfire, String concurrency, @Size(max = 100) Map<String, String> parameters,
		@Size(max = 100) List<ChildJob> children, @Size(max = 100) List<Long> joinParents, Long joinTimeoutMs,
		Long version) {

}
