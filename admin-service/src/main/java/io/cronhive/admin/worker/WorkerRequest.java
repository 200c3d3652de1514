package io.cronhive.admin.worker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/workers} (pre-declare) and {@code PUT /v1/workers/{id}} (rename, re-tag).
 *
 * @param srvName the service name the worker registers under in the registry
 * @param version the version read, for an update that must not overwrite a concurrent edit (optional)
 */
record WorkerRequest(@NotBlank @Size(max = 128) String name, @Size(max = 64) String host,
		@NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only") String srvName,
		@Size(max = 64) String tag, Long version) {

}
