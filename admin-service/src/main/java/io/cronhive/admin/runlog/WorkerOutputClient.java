package io.cronhive.admin.runlog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.cronhive.common.dispatch.RunOutputChunk;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a running run's output from the worker that runs it ({@link WorkerPaths#OUTPUT}), signed with the
 * cluster secret as the masters sign their calls. Without a secret configured it is disabled, and the console
 * sees the output only once the run has ended.
 */
@Component
class WorkerOutputClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final RequestSigner signer;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	WorkerOutputClient(@Value("${cronhive.cluster-secret:}") String secret, JsonMapper json, Clock clock) {
		this.signer = (secret == null || secret.isBlank()) ? null : new RequestSigner(ClusterSecret.of(secret), clock);
		this.json = json;
	}

	boolean enabled() {
		return this.signer != null;
	}

	/**
	 * The output of {@code runId} from {@code offset}, or empty when the worker has none for it (404).
	 * @throws IOException when the worker cannot be reached or answers otherwise
	 */
	Optional<RunOutputChunk> read(String host, int port, long runId, long offset)
			throws IOException, InterruptedException {
		String pathAndQuery = WorkerPaths.OUTPUT.replace("{runId}", Long.toString(runId)) + "?offset=" + offset;
		RequestSignature signature = this.signer.sign("GET", pathAndQuery, new byte[0]);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + pathAndQuery))
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.header(SignatureHeaders.TIMESTAMP, Long.toString(signature.timestampMs()))
			.header(SignatureHeaders.NONCE, signature.nonce())
			.header(SignatureHeaders.SIGNATURE, signature.signature())
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return Optional.empty();
		}
		if (response.statusCode() != 200) {
			throw new IOException("worker answered " + response.statusCode());
		}
		return Optional.of(this.json.readValue(response.body(), RunOutputChunk.class));
	}

}
