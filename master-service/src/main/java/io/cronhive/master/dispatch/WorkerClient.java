package io.cronhive.master.dispatch;

import java.net.URI;

import io.cronhive.common.dispatch.KillRequest;
import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunBatch;
import io.cronhive.common.dispatch.RunBatchAcceptance;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.WorkerPaths;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The worker-agent API as this master calls it. The first argument is the chosen worker's base URI: routing,
 * failover and health are the Dispatcher's, not a load balancer's, so the placeholder url is never used.
 * Every request is signed by {@link WorkerClientConfiguration}.
 */
@FeignClient(name = DispatchConfiguration.WORKER_CLIENT, url = "http://worker.invalid",
		configuration = WorkerClientConfiguration.class)
interface WorkerClient {

	@PostMapping(path = WorkerPaths.RUNS, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	RunAcceptance run(URI worker, @RequestBody RunRequest request);

	@PostMapping(path = WorkerPaths.RUN_BATCHES, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	RunBatchAcceptance runBatch(URI worker, @RequestBody RunBatch batch);

	@PostMapping(path = WorkerPaths.KILL, consumes = MediaType.APPLICATION_JSON_VALUE)
	void kill(URI worker, @PathVariable("runId") long runId, @RequestBody KillRequest request);

}
