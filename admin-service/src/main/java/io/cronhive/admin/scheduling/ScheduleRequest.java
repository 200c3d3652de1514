package io.cronhive.admin.scheduling;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST} and {@code DELETE /v1/schedulers} (DESIGN §3).
 *
 * @param jobIds each entry a job's numeric {@code id} or its {@code jobId} UUID
 * @param delaySeconds start after this many seconds (start only; exclusive with {@code startAt})
 * @param startAt start at this instant (start only; exclusive with {@code delaySeconds})
 */
record ScheduleRequest(@NotEmpty @Size(max = 1000) List<JsonNode> jobIds,
		@Min(0) @Max(31_536_000) Long delaySeconds, Instant startAt) {

}
