package io.cronhive.master.dispatch;

import java.net.URI;

/**
 * One worker-agent instance as the registry shows it.
 *
 * @param instanceId the registry's instance id (unique per process)
 * @param serviceId the service it registered under (its srvName)
 * @param uri where to send runs
 * @param host the machine's ip as the worker reports it
 * @param workerName the worker's name (metadata {@code workerName})
 * @param tag the worker's tag, or null
 */
record WorkerInstance(String instanceId, String serviceId, URI uri, String host, String workerName, String tag) {
}
