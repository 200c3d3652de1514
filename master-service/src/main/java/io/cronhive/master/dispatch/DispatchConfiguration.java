package io.cronhive.master.dispatch;

import java.time.Clock;

import io.cronhive.common.health.Watchdog;
import io.cronhive.master.cluster.ClusterIdentity;
import io.cronhive.master.dependency.RunParents;
import io.cronhive.master.config.MasterProperties;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.run.Acceptances;
import io.cronhive.master.run.RunMetrics;
import io.cronhive.master.run.RunRetries;
import io.cronhive.master.run.RunStore;
import io.cronhive.master.run.SupervisedRuns;
import io.cronhive.master.share.ShareKeeper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the dispatch path; the worker client is the only Feign client and is scanned from here. */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = WorkerClient.class)
class DispatchConfiguration {

	/** The worker client's name, which is also its Feign context's. */
	static final String WORKER_CLIENT = "worker";

	/**
	 * Builds the worker client's message converters once, at start-up. spring-cloud-openfeign 5.0 builds them
	 * on first use without synchronization (spring-cloud-openfeign#1371, fixed after the release train used
	 * here): the first batches a newly elected leader sent at once found the list half-built and failed with
	 * "no suitable HttpMessageConverter found", 500 runs at a time in a failover at 2,000 runs a second.
	 */
	@Bean
	SmartInitializingSingleton workerClientConvertersBuiltEagerly(FeignClientFactory feignClients) {
		return () -> feignClients.getInstance(WORKER_CLIENT, FeignHttpMessageConverters.class).getConverters();
	}

	@Bean(destroyMethod = "close")
	WorkerHealth workerHealth(MasterProperties properties) {
		return new WorkerHealth(properties.dispatch().breakerWindow(), properties.dispatch().breakerOpenFor());
	}

	@Bean
	WorkerCalls workerCalls(WorkerClient client, WorkerHealth health, ClusterIdentity cluster,
			MasterProperties properties) {
		return new WorkerCalls(client, health, cluster, properties.dispatch().maxConcurrentCalls(),
				properties.dispatch().readTimeout());
	}

	@Bean
	ConcurrencyGuard concurrencyGuard(JdbcClient jdbc, WorkerCalls calls) {
		return new ConcurrencyGuard(jdbc, calls);
	}

	@Bean
	RunSupervisor runSupervisor(LeaderElector elector, SupervisedRuns supervised, RunStore runs, RunRetries retries,
			WorkerDirectory directory, WorkerCalls calls, MasterProperties properties, RunMetrics runMetrics,
			Clock clock, Watchdog watchdog) {
		return new RunSupervisor(elector, supervised, runs, retries, directory, calls, properties, runMetrics, clock,
				watchdog);
	}

	@Bean
	Dispatcher dispatcher(ShareKeeper shares, RunStore runs, RunRetries retries, WorkerDirectory directory,
			WorkerGroups groups, WorkerHealth health, WorkerCalls calls, InFlightRuns inFlight,
			ConcurrencyGuard concurrency, DispatchMetrics metrics, RunMetrics runMetrics, Acceptances acceptances,
			ClusterIdentity cluster, MasterProperties properties, Clock clock, RunParents parents) {
		return new Dispatcher(shares, runs, retries, directory, groups, health, calls, inFlight, concurrency,
				metrics, runMetrics, acceptances, cluster, properties.dispatch().batchSize(),
				properties.dispatch().busyHold(), properties.dispatch().busyRetry(), clock, parents);
	}

}
