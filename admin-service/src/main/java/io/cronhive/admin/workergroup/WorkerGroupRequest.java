package io.cronhive.admin.workergroup;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/worker-groups} and {@code PUT /v1/worker-groups/{id}} (a full replacement).
 *
 * @param workerIds members added one by one
 * @param tags every worker with one of these tags is a member, including workers that register later
 * @param version the version read, for an update that must not overwrite a concurrent edit (optional)
 */
record WorkerGroupRequest(@NotBlank @Size(max = 128) String name, @Size(max = 1000) List<Long> workerIds,
		@Size(max = 100) List<@NotBlank @Size(max = 64) String> tags, Long version) {

}
