package io.cronhive.master.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * master-service settings under {@code cronhive.master}, validated at start-up so a typo fails the start
 * rather than a slot. The lease numbers decide the failover gap: a follower takes over at most
 * {@code leaseTtl + renewInterval} after the leader died.
 *
 * @param leaseTtl how long a lease lasts after each renewal (database clock)
 * @param renewInterval how often the leader renews and every replica heartbeats
 * @param shareInterval how often every master renews its partitions and takes those assigned to it, and the
 * leader reassigns them: a dead master's jobs wait about two of these (plus the leader's own failover when the
 * dead master led)
 * @param lookAhead how far ahead the leader claims slots and arms their timers
 * @param pollInterval how often the leader reads schedules, manual runs and kill requests
 * @param pollPhase where in the second the polls fall (then every {@code pollInterval} from there): cron
 * slots fall on whole seconds, so polls a little after them keep the claims' database work out of the
 * moments when most runs start
 * @param misfireThreshold a slot later than this when first seen counts as missed (misfire policy applies)
 * @param schemaWait how long to wait at start for admin-service to create the schema
 * @param databaseWait how long to wait at start for an unreachable database
 * @param dispatch master-to-worker call settings
 * @param runs run lifecycle settings
 */
@Validated
@ConfigurationProperties("cronhive.master")
public record MasterProperties(@DefaultValue("3s") @NotNull Duration leaseTtl,
		@DefaultValue("1s") @NotNull Duration renewInterval, @DefaultValue("250ms") @NotNull Duration shareInterval,
		@DefaultValue("2s") @NotNull Duration lookAhead,
		@DefaultValue("250ms") @NotNull Duration pollInterval, @DefaultValue("200ms") @NotNull Duration pollPhase,
		@DefaultValue("1s") @NotNull Duration misfireThreshold, @DefaultValue("60s") @NotNull Duration schemaWait,
		@DefaultValue("10s") @NotNull Duration databaseWait, @DefaultValue @Valid @NotNull Dispatch dispatch,
		@DefaultValue @Valid @NotNull Runs runs) {

	public MasterProperties {
		if (dispatch != null && dispatch.lead().compareTo(lookAhead) >= 0) {
			throw new IllegalArgumentException("cronhive.master.dispatch.lead (" + dispatch.lead()
					+ ") must be shorter than cronhive.master.look-ahead (" + lookAhead + ")");
		}
		if (shareInterval.compareTo(leaseTtl.dividedBy(2)) > 0) {
			throw new IllegalArgumentException("cronhive.master.share-interval (" + shareInterval
					+ ") must be at most half of cronhive.master.lease-ttl (" + leaseTtl + ")");
		}
		if (renewInterval.compareTo(leaseTtl) >= 0) {
			throw new IllegalArgumentException("cronhive.master.renew-interval (" + renewInterval
					+ ") must be shorter than cronhive.master.lease-ttl (" + leaseTtl + ")");
		}
	}

	/**
	 * Master-to-worker calls.
	 *
	 * @param connectTimeout TCP connect timeout; a refused or timed-out connect surely did not reach the worker
	 * @param readTimeout how long a worker may take to accept a run
	 * @param maxConcurrentCalls bulkhead: calls in flight to all workers at once
	 * @param breakerOpenFor how long a failing worker is left alone before one trial call
	 * @param breakerWindow calls per worker the breaker judges on
	 * @param lead how long before its instant a run is handed to its worker, which starts it at the instant
	 * itself, so the master's hop and bookkeeping never make it late; only jobs that allow overlapping runs,
	 * because skip and replace must look at the previous run at the instant. 0 sends at the instant
	 * @param batchSize most runs handed to one worker in one request
	 * @param busyHold how long after its instant a run that every candidate refused as busy (429) is kept and
	 * offered again; after that the job's misfire policy decides (skip drops it, fire_once leaves the catch-up
	 * to the job's next slot) and the run ends saying so
	 * @param busyRetry how long a run waits before it is offered again after every candidate was busy (the
	 * workers' Retry-After)
	 */
	public record Dispatch(@DefaultValue("1s") @NotNull Duration connectTimeout,
			@DefaultValue("5s") @NotNull Duration readTimeout, @DefaultValue("512") @Min(1) int maxConcurrentCalls,
			@DefaultValue("5s") @NotNull Duration breakerOpenFor, @DefaultValue("4") @Min(2) int breakerWindow,
			@DefaultValue("500ms") @NotNull Duration lead, @DefaultValue("500") @Min(1) @Max(1000) int batchSize,
			@DefaultValue("5s") @NotNull Duration busyHold, @DefaultValue("1s") @NotNull Duration busyRetry) {
	}

	/**
	 * Run lifecycle.
	 *
	 * @param reaperInterval how often the leader looks for runs stuck beyond their timeout
	 * @param timeoutGrace how long beyond its timeout a run may stay unreported before it is marked error
	 * @param unboundedStuckAfter a run without timeout that is unreported this long is marked error
	 * @param undeliveredAfter a run sent but never acknowledged by a worker is marked error after this
	 */
	public record Runs(@DefaultValue("2s") @NotNull Duration reaperInterval,
			@DefaultValue("2m") @NotNull Duration timeoutGrace, @DefaultValue("24h") @NotNull Duration unboundedStuckAfter,
			@DefaultValue("2m") @NotNull Duration undeliveredAfter) {
	}

}
