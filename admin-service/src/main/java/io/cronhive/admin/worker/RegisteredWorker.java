package io.cronhive.admin.worker;

import io.cronhive.common.dispatch.WorkerPaths;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A worker as the registry shows it: its service name, the name, host and tag it registered with in its
 * metadata, and where its instance listens.
 */
record RegisteredWorker(String srvName, String name, String host, String tag, String instanceId, int port) {

	static RegisteredWorker of(ServiceInstance instance) {
		var metadata = instance.getMetadata();
		String host = orElse(metadata.get(WorkerPaths.META_HOST), instance.getHost());
		String name = orElse(metadata.get(WorkerPaths.META_WORKER_NAME), host);
		String tag = metadata.get(WorkerPaths.META_TAG);
		return new RegisteredWorker(instance.getServiceId(), name, host, (tag == null || tag.isBlank()) ? null : tag.trim(),
				instance.getInstanceId(), instance.getPort());
	}

	private static String orElse(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

}
