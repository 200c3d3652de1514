package io.cronhive.admin.worker;

/**
 * A worker as the API shows it: the seed's fields ({@code id, host, name, srvName, tag}) and its live state.
 *
 * @param lastHeartbeat Unix ms when the registry last showed it, or null if it never registered
 * @param running runs in flight on it, as last reported
 */
record WorkerView(long id, String host, String name, String srvName, String tag, boolean online, Long lastHeartbeat,
		int running, String instanceId, Integer port, long createdAt, long updatedAt, long version) {

	static WorkerView of(Worker w) {
		return new WorkerView(w.getId(), w.getHost(), w.getName(), w.getSrvName(), w.getTag(), w.isOnline(),
				w.getLastHeartbeat(), w.getRunning(), w.getInstanceId(), w.getPort(), w.getCreatedAt(),
				w.getUpdatedAt(), w.getVersion());
	}

}
