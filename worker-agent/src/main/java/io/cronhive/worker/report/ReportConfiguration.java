package io.cronhive.worker.report;

import io.cronhive.common.health.Watchdog;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.worker.config.WorkerProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the spool to its directory and report delivery to the registry's view of the masters. */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

	@Bean
	ReportSpool reportSpool(WorkerProperties properties, JsonMapper mapper, Watchdog watchdog) {
		ReportSpool spool = new ReportSpool(properties.spoolDir(), mapper);
		spool.watchedBy(watchdog);
		return spool;
	}

	@Bean
	ReportDelivery reportDelivery(ReportSpool spool, DiscoveryClient discovery, RequestSigner signer,
			JsonMapper mapper, WorkerProperties properties, Watchdog watchdog) {
		ReportDelivery delivery = new ReportDelivery(spool, discovery, signer, mapper, properties.reportBackoffMax());
		delivery.watchedBy(watchdog);
		return delivery;
	}

}
