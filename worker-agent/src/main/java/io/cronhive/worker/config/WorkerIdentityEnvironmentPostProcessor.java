package io.cronhive.worker.config;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Supplies {@code cronhive.worker.name} (the hostname) and {@code cronhive.worker.host} (the first
 * non-loopback IPv4 address) when the operator set neither, as the lowest-priority source. Resolving them once
 * here lets the Eureka instance address and the {@code host} metadata use the same value, so the address the
 * master dispatches to is the one users see.
 */
class WorkerIdentityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "cronhiveWorkerIdentity";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		if (!environment.containsProperty("cronhive.worker.name")) {
			defaults.put("cronhive.worker.name", hostname());
		}
		if (!environment.containsProperty("cronhive.worker.host")) {
			defaults.put("cronhive.worker.host", firstNonLoopbackAddress());
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
		}
	}

	@Override
	public int getOrder() {
		// After config data, so values from application.yml and the environment are visible.
		return Ordered.LOWEST_PRECEDENCE;
	}

	static String hostname() {
		// The kernel's name needs no DNS lookup, which can hang for seconds on a badly configured host.
		try {
			String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
			if (!name.isEmpty()) {
				return name;
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: fall through
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	static String firstNonLoopbackAddress() {
		try {
			List<NetworkInterface> interfaces = NetworkInterface.networkInterfaces()
				.filter(WorkerIdentityEnvironmentPostProcessor::usable)
				.sorted(Comparator.comparingInt(NetworkInterface::getIndex))
				.toList();
			for (NetworkInterface nic : interfaces) {
				for (InetAddress address : nic.inetAddresses().toList()) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()
							&& !address.isLinkLocalAddress()) {
						return address.getHostAddress();
					}
				}
			}
		}
		catch (SocketException ex) {
			// fall through to loopback: reachable at least from a master on the same host
		}
		return "127.0.0.1";
	}

	private static boolean usable(NetworkInterface nic) {
		try {
			return nic.isUp() && !nic.isLoopback() && !nic.isVirtual() && !nic.isPointToPoint();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
