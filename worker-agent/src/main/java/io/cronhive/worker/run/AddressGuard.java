package io.cronhive.worker.run;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps HTTP jobs away from link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10,
 * fd00:ec2::254), where instance credentials live: every scheduler whose HTTP jobs could reach them has been an
 * SSRF path. Checked on every address the host resolves to; redirects are not followed.
 */
final class AddressGuard {

	private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2::254");

	private AddressGuard() {
	}

	/** @return null when the URL may be called, else why not */
	static String refusal(URI url, boolean allowLinkLocal) {
		if (allowLinkLocal) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(url.getHost());
		}
		catch (UnknownHostException ex) {
			return null; // the request itself will fail and say so
		}
		for (InetAddress address : addresses) {
			if (address.isLinkLocalAddress() || address.equals(AWS_IPV6_METADATA)) {
				return "refusing to call " + url.getHost() + " (" + address.getHostAddress()
						+ "): link-local and cloud metadata addresses are blocked; set cronhive.worker.allow-link-local-http=true to allow";
			}
		}
		return null;
	}

	private static InetAddress literal(String ip) {
		try {
			return InetAddress.getByName(ip);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
