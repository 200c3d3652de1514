package io.cronhive.e2e;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/masters} as a test reads it: the cluster's partition counts, and the entry of each master
 * process still running, by its service name (matched on port), so a killed master's row, which stays until its
 * heartbeat ages out, is not mistaken for a live one.
 *
 * @param cluster the whole answer
 * @param live entry per running master, by service name
 */
record MasterShares(JsonNode cluster, Map<String, JsonNode> live) {

	static MasterShares read(ApiClient api, LocalCluster cluster, Collection<String> masters) throws Exception {
		ApiClient.Response response = api.get("/v1/masters");
		if (response.status() != 200) {
			throw new IllegalStateException("GET /v1/masters: " + response);
		}
		JsonNode body = response.json();
		Map<String, JsonNode> live = new TreeMap<>();
		for (JsonNode item : body.get("items")) {
			for (String name : masters) {
				ServiceProcess process = cluster.service(name);
				if (process != null && process.isAlive() && process.port() == item.get("port").asInt()) {
					live.put(name, item);
				}
			}
		}
		return new MasterShares(body, live);
	}

	int held() {
		return this.cluster.get("heldPartitions").asInt();
	}

	int partitions(String master) {
		return this.live.get(master).get("partitions").asInt();
	}

	long scheduledJobs(String master) {
		return this.live.get(master).get("scheduledJobs").asLong();
	}

	String instanceId(String master) {
		return this.live.get(master).get("instanceId").asString();
	}

	/** The running master that leads, or null while none does. */
	String leader() {
		return this.live.entrySet()
			.stream()
			.filter((e) -> e.getValue().get("status").asInt() == 1)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Whether all partitions are held, none is being handed off, and each of the {@code masters} running masters
	 * holds what the leader assigned it: ⌊128/n⌋ or ⌈128/n⌉.
	 */
	boolean balancedOver(int masters) {
		int count = this.cluster.get("partitionCount").asInt();
		if (this.live.size() != masters || held() != count || this.cluster.get("handingOffPartitions").asInt() != 0) {
			return false;
		}
		return this.live.values()
			.stream()
			.allMatch((m) -> m.get("partitions").asInt() >= count / masters
					&& m.get("partitions").asInt() <= Math.ceilDiv(count, masters)
					&& m.get("partitions").asInt() == m.get("assignedPartitions").asInt());
	}

	/** Partitions and scheduled jobs per master, for messages. */
	String summary() {
		StringBuilder out = new StringBuilder("held ").append(held()).append(" of ")
			.append(this.cluster.get("partitionCount").asInt());
		this.live.forEach((name, m) -> out.append("; ").append(name)
			.append((m.get("status").asInt() == 1) ? " (leader)" : "")
			.append(": ").append(m.get("partitions").asInt()).append(" partitions, ")
			.append(m.get("scheduledJobs").asLong()).append(" jobs"));
		return out.toString();
	}

}
