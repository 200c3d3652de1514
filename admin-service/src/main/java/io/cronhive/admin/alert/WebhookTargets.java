package io.cronhive.admin.alert;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which webhook addresses are acceptable. Webhook URLs come from users, so like HTTP jobs (DESIGN §7) they may
 * not name the cloud metadata service or link-local addresses, nor carry credentials (they would be shown and
 * logged with the URL; the HMAC secret is the channel's credential).
 */
final class WebhookTargets {

	private WebhookTargets() {
	}

	/** @return why the URL is refused, or null when it is acceptable */
	static String problem(String url) {
		if (url == null || url.isBlank()) {
			return "is required for a webhook channel";
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "must be an http or https URL";
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			return "must name a host";
		}
		if (uri.getRawUserInfo() != null) {
			return "must not carry credentials; the channel's secret signs each call";
		}
		String host = uri.getHost().replace("[", "").replace("]", "");
		if (host.matches("[0-9.]+|[0-9a-fA-F:]+") && refused(host)) {
			return "must not point at a link-local or cloud metadata address";
		}
		return null;
	}

	/** Whether an address (a literal, or one the host resolved to at send time) is off limits. */
	static boolean refused(String literal) {
		try {
			InetAddress address = InetAddress.getByName(literal);
			return refused(address);
		}
		catch (Exception ex) {
			return false;
		}
	}

	static boolean refused(InetAddress address) {
		return address.isLinkLocalAddress() || address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
	}

}
