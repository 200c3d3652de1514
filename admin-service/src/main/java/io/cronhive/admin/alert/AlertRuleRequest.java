package io.cronhive.admin.alert;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/alert-rules} and {@code PUT /v1/alert-rules/{id}} (a full replacement).
 *
 * @param kind {@code run_failed}, {@code consecutive_failures}, {@code missed_fire}, {@code late_trigger},
 * {@code long_run} or {@code group_unhealthy}
 * @param jobId the job watched (job kinds); omitted: every job
 * @param groupId the worker group watched ({@code group_unhealthy}); omitted: every group
 * @param threshold failures in a row ({@code consecutive_failures}, 2 or more) or milliseconds
 * ({@code late_trigger}, {@code long_run}, 1000 or more); other kinds take none
 * @param channelIds where the alerts go
 * @param enabled a disabled rule opens nothing (default true)
 * @param version the version read, for an update that must not overwrite a concurrent edit (optional)
 */
record AlertRuleRequest(@NotBlank @Size(max = 128) String name, @NotNull RuleKind kind, @Positive Long jobId,
		@Positive Long groupId, @Positive Long threshold, @NotNull @Size(min = 1, max = 20) List<@NotNull Long> channelIds,
		Boolean enabled, Long version) {

}
