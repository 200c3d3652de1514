package io.cronhive.admin.auth;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a login is counted against. The gateway replaces whatever {@code X-Forwarded-For} a caller sent
 * with the address it saw, so its header is believed, but only when the connection comes from a trusted proxy
 * ({@code cronhive.auth.trusted-proxies}); a caller that reaches admin-service directly is its own peer address,
 * whatever header it sends.
 */
@Component
class ClientAddress {

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final Predicate<String> trusted;

	ClientAddress(AuthProperties properties) {
		this.trusted = trusted(properties.trustedProxies());
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank() || !this.trusted.test(peer)) {
			return peer;
		}
		// The proxy nearest to us appended last; earlier entries are whatever the caller claimed.
		String[] hops = forwarded.split(",");
		String client = hops[hops.length - 1].trim();
		return IP_LITERAL.matcher(client).matches() ? client : peer;
	}

	private static Predicate<String> trusted(List<String> proxies) {
		List<IpAddressMatcher> matchers = new ArrayList<>();
		for (String proxy : proxies) {
			if (proxy.isBlank()) {
				continue;
			}
			if (proxy.trim().equals("local")) {
				matchers.add(new IpAddressMatcher("127.0.0.0/8"));
				matchers.add(new IpAddressMatcher("::1"));
				ownAddresses().forEach((address) -> matchers.add(new IpAddressMatcher(address)));
			}
			else {
				matchers.add(new IpAddressMatcher(proxy.trim()));
			}
		}
		return (peer) -> peer != null && matchers.stream().anyMatch((m) -> m.matches(peer));
	}

	private static List<String> ownAddresses() {
		List<String> addresses = new ArrayList<>();
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					String text = address.getHostAddress();
					int zone = text.indexOf('%');
					addresses.add((zone < 0) ? text : text.substring(0, zone));
				}
			}
		}
		catch (SocketException ex) {
			// no interfaces to list: loopback alone is trusted
		}
		return addresses;
	}

}
