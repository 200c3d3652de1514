package io.cronhive.admin.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;

import io.cronhive.admin.web.LogText;

import org.springframework.stereotype.Component;

/**
 * POSTs an alert to a webhook: signed ({@link WebhookSignature}), connect and total timeouts from
 * {@link AlertProperties}, and no redirects followed at all (a 3xx is a failed attempt that names the target),
 * so a receiver cannot bounce our signed call to a host the operator never chose.
 */
@Component
class WebhookSender {

	private final HttpClient http;

	private final AlertProperties properties;

	private final Clock clock;

	WebhookSender(AlertProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	SendResult send(Outbox.Due delivery) {
		String problem = WebhookTargets.problem(delivery.url());
		if (problem != null) {
			return SendResult.failed("url " + problem);
		}
		URI uri = URI.create(delivery.url().trim());
		try {
			for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
				if (WebhookTargets.refused(address)) {
					return SendResult.failed("url resolves to a link-local or cloud metadata address; not called");
				}
			}
		}
		catch (IOException ex) {
			return SendResult.failed("cannot resolve " + LogText.of(uri.getHost()));
		}
		long timestamp = this.clock.millis() / 1000;
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.properties.requestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "cronhive-alerts")
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.DELIVERY_HEADER, Long.toString(delivery.id()))
			.header(WebhookSignature.EVENT_HEADER, delivery.event())
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()));
		if (delivery.secret() != null) {
			request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(delivery.secret(), timestamp, delivery.payload()));
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return SendResult.ok("HTTP " + status);
			}
			if (status >= 300 && status < 400) {
				return SendResult.failed("HTTP " + status + " redirect to "
						+ LogText.of(response.headers().firstValue("Location").orElse("?")) + " not followed");
			}
			return SendResult.failed("HTTP " + status + ": " + LogText.of(response.body()));
		}
		catch (HttpTimeoutException ex) {
			return SendResult.failed("timed out: " + LogText.of(ex.getMessage()));
		}
		catch (IOException ex) {
			return SendResult.failed("call failed: " + ex.getClass().getSimpleName() + " " + LogText.of(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return SendResult.failed("interrupted while sending");
		}
	}

}
