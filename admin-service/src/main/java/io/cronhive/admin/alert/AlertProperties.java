package io.cronhive.admin.alert;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerting settings under {@code cronhive.alert}. SMTP itself is configured with Spring Mail's own
 * {@code spring.mail.*} properties; without {@code spring.mail.host} email channels are refused.
 *
 * @param evaluateInterval how often the evaluator reads new runs and worker group health
 * @param deliverInterval how often the sender looks for due deliveries
 * @param batchSize runs read per evaluation, and deliveries sent per round (bounded work per tick)
 * @param settleTime a run row younger than this is not read past yet: rows are committed out of id order for
 * about as long as a master's claim transaction lasts, and master clocks may differ from ours
 * @param maxAttempts sends of one delivery before it is recorded as failed
 * @param retryBackoff the wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param connectTimeout webhook connect timeout
 * @param requestTimeout webhook timeout for the whole call
 * @param sendLease how long a sender holds a delivery; past it another replica may take it up again
 * @param mailFrom the From address of alert emails
 */
@Validated
@ConfigurationProperties("cronhive.alert")
record AlertProperties(@DefaultValue("2s") @NotNull Duration evaluateInterval,
		@DefaultValue("1s") @NotNull Duration deliverInterval, @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
		@DefaultValue("5s") @NotNull Duration settleTime, @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
		@DefaultValue("10s") @NotNull Duration retryBackoff, @DefaultValue("10m") @NotNull Duration maxBackoff,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("5s") @NotNull Duration requestTimeout,
		@DefaultValue("60s") @NotNull Duration sendLease, @DefaultValue("cronhive@localhost") @NotBlank String mailFrom) {

	/** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
	Duration backoff(int attempt) {
		Duration wait = this.retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
