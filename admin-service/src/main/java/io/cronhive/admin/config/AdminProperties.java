package io.cronhive.admin.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * admin-service settings under {@code cronhive.admin}, validated at start-up so a typo fails the start rather
 * than a request.
 *
 * @param workerSyncInterval how often the worker table is reconciled with the registry
 * @param groupStatusInterval how often worker group status is recomputed
 * @param masterOfflineAfter heartbeat age after which a master is shown offline
 */
@Validated
@ConfigurationProperties("cronhive.admin")
public record AdminProperties(@NotNull Duration workerSyncInterval, @NotNull Duration groupStatusInterval,
		@NotNull Duration masterOfflineAfter) {

}
