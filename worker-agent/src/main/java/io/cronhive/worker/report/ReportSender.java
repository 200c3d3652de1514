package io.cronhive.worker.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.cronhive.common.dispatch.MasterPaths;
import io.cronhive.common.dispatch.ReportDisposition;
import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.dispatch.RunReportBatch;
import io.cronhive.common.dispatch.RunReportBatchAck;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.worker.channel.SigningInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Sends reports to any master-service instance in the registry, rotating between them, as one batch request.
 * A master that answers 404 or 405 for the batch path predates it, and gets the reports one by one on the
 * single-report path instead (where 404 means the run is unknown).
 */
class ReportSender {

	private static final Logger logger = LoggerFactory.getLogger(ReportSender.class);

	private final DiscoveryClient discovery;

	private final JsonMapper mapper;

	private final RestClient client;

	private final AtomicInteger nextInstance = new AtomicInteger();

	ReportSender(DiscoveryClient discovery, RequestSigner signer, JsonMapper mapper) {
		this.discovery = discovery;
		this.mapper = mapper;
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		this.client = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor(new SigningInterceptor(signer))
			.build();
	}

	/**
	 * What became of a send.
	 * @param acknowledged the runs a master answered for (applied, already applied or unknown): done with
	 * @param problem why the others were not, or null when none is left
	 */
	record Sent(Set<Long> acknowledged, String problem) {
	}

	Sent send(List<RunReport> reports) {
		List<ServiceInstance> masters;
		try {
			masters = this.discovery.getInstances(MasterPaths.SERVICE_NAME);
		}
		catch (RuntimeException ex) {
			return new Sent(Set.of(), "registry unavailable: " + ex.getMessage());
		}
		if (masters.isEmpty()) {
			return new Sent(Set.of(), "no " + MasterPaths.SERVICE_NAME + " instance registered");
		}
		byte[] body = this.mapper.writeValueAsBytes(new RunReportBatch(reports));
		int first = Math.floorMod(this.nextInstance.getAndIncrement(), masters.size());
		String problem = null;
		for (int i = 0; i < masters.size(); i++) {
			URI base = masters.get((first + i) % masters.size()).getUri();
			try {
				ResponseEntity<byte[]> response = post(base, MasterPaths.RUN_REPORT_BATCHES, body);
				int status = response.getStatusCode().value();
				if (status >= 200 && status < 300) {
					return acknowledged(base, reports, this.mapper.readValue(response.getBody(), RunReportBatchAck.class));
				}
				if (status == 404 || status == 405) {
					logger.debug("Master {} has no batch endpoint (answered {}); reporting one by one", base, status);
					return sendOneByOne(base, reports);
				}
				problem = describe(base, status);
			}
			catch (RuntimeException ex) {
				problem = base + ": " + ex.getMessage();
			}
		}
		return new Sent(Set.of(), problem);
	}

	private Sent acknowledged(URI base, List<RunReport> reports, RunReportBatchAck ack) {
		Set<Long> sent = new HashSet<>(reports.stream().map(RunReport::runId).toList());
		Set<Long> acknowledged = new HashSet<>();
		for (RunReportBatchAck.Entry entry : ack.runs()) {
			if (entry.outcome() == null || !sent.contains(entry.runId())) {
				continue;
			}
			acknowledged.add(entry.runId());
			if (entry.outcome() == ReportDisposition.UNKNOWN_RUN) {
				logger.warn("Master {} does not know run {}; dropped its report", base, entry.runId());
			}
			else {
				logger.debug("Reported run {} to {} ({})", entry.runId(), base, entry.outcome().wireName());
			}
		}
		logger.debug("Reported {} run(s) to {}", acknowledged.size(), base);
		String problem = (acknowledged.size() == sent.size()) ? null
				: base + " answered for only " + acknowledged.size() + " of " + sent.size() + " run(s)";
		return new Sent(acknowledged, problem);
	}

	private Sent sendOneByOne(URI base, List<RunReport> reports) {
		Set<Long> acknowledged = new HashSet<>();
		for (RunReport report : reports) {
			int status;
			try {
				status = post(base, MasterPaths.RUN_REPORTS, this.mapper.writeValueAsBytes(report)).getStatusCode()
					.value();
			}
			catch (RuntimeException ex) {
				return new Sent(acknowledged, base + ": " + ex.getMessage());
			}
			if (status >= 200 && status < 300) {
				logger.debug("Reported run {} ({}) to {}", report.runId(), report.status().wireName(), base);
			}
			else if (status == 404) {
				logger.warn("Master {} does not know run {}; dropped its report", base, report.runId());
			}
			else {
				return new Sent(acknowledged, describe(base, status));
			}
			acknowledged.add(report.runId());
		}
		return new Sent(acknowledged, null);
	}

	private ResponseEntity<byte[]> post(URI base, String path, byte[] body) {
		return this.client.post()
			.uri(base.resolve(path))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.onStatus((s) -> true, (request, response) -> {
			})
			.toEntity(byte[].class);
	}

	private static String describe(URI base, int status) {
		return (status == 401) ? base + " refused our signature (is CRONHIVE_CLUSTER_SECRET the same?)"
				: base + " answered " + status;
	}

}
