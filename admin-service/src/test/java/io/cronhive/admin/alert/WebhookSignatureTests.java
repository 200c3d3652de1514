package io.cronhive.admin.alert;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	@Test
	void signatureIsHmacSha256OfTimestampDotBodyAsAReceiverRecomputesIt() {
		// Recomputed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'k3y-for-the-tests-only'
		assertThat(WebhookSignature.sign("k3y-for-the-tests-only", 1_700_000_000L, "{\"a\":1}"))
			.isEqualTo("v1=72876d80faff32d5d52c3896ec987374c91fd590cf2556e871a0f917ae7b6492");
	}

	@Test
	void webhookUrlsMustBeHttpWithoutCredentialsAndNotMetadata() {
		assertThat(WebhookTargets.problem("https://hooks.example.com/x")).isNull();
		assertThat(WebhookTargets.problem("ftp://hooks.example.com/x")).isEqualTo("must be an http or https URL");
		assertThat(WebhookTargets.problem("http://user:pw@hooks.example.com/")).contains("must not carry credentials");
		assertThat(WebhookTargets.problem("http://169.254.169.254/latest/meta-data")).contains("metadata");
		assertThat(WebhookTargets.problem("http:///nohost")).isEqualTo("must name a host");
	}

	@Test
	void backoffDoublesFromTheFirstWaitUpToTheLongest() {
		AlertProperties properties = new AlertProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), 500,
				Duration.ofSeconds(5), 5, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Duration.ofSeconds(60), "x@y");
		assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(60));
	}

}
