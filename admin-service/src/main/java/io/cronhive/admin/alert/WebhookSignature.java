package io.cronhive.admin.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver knows a webhook call is ours and fresh: {@code X-Cronhive-Signature: v1=<hex>} where hex is
 * HMAC-SHA256, keyed with the channel's secret, of {@code <X-Cronhive-Timestamp>.<body>} (the Unix seconds, a
 * dot, the exact body bytes). A receiver recomputes it and refuses old timestamps, so a captured call cannot be
 * replayed later.
 */
final class WebhookSignature {

	static final String TIMESTAMP_HEADER = "X-Cronhive-Timestamp";

	static final String SIGNATURE_HEADER = "X-Cronhive-Signature";

	static final String DELIVERY_HEADER = "X-Cronhive-Delivery";

	static final String EVENT_HEADER = "X-Cronhive-Event";

	private WebhookSignature() {
	}

	static String sign(String secret, long timestampSeconds, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
			return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
