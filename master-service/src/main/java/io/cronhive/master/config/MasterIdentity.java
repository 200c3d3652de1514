package io.cronhive.master.config;

import java.time.Clock;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who this replica is in the {@code masters} table and as lease holder: a fresh id per process start, so a
 * restarted master never mistakes its predecessor's lease or claims for its own.
 */
@Component
public class MasterIdentity {

	private final String instanceId;

	private final String ip;

	private final long startedAtMs;

	private volatile int port;

	@Autowired
	MasterIdentity(InetUtils inetUtils, Clock clock) {
		InetUtils.HostInfo host = inetUtils.findFirstNonLoopbackHostInfo();
		this.ip = host.getIpAddress();
		this.instanceId = host.getHostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.startedAtMs = clock.millis();
	}

	public MasterIdentity(String instanceId, String ip, int port, long startedAtMs) {
		this.instanceId = instanceId;
		this.ip = ip;
		this.port = port;
		this.startedAtMs = startedAtMs;
	}

	@EventListener
	void onWebServer(WebServerInitializedEvent event) {
		this.port = event.getWebServer().getPort();
	}

	public String instanceId() {
		return this.instanceId;
	}

	public String ip() {
		return this.ip;
	}

	public int port() {
		return this.port;
	}

	public long startedAtMs() {
		return this.startedAtMs;
	}

}
