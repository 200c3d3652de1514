package io.cronhive.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.dispatch.WorkerPaths;
import io.cronhive.common.signing.ClusterSecret;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;
import tools.jackson.databind.json.JsonMapper;

/** Talks to an agent the way a master does: every request signed with the cluster secret. */
public final class SignedClient {

	private final String base;

	private final RequestSigner signer;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	public SignedClient(String base, String secret) {
		this(base, secret, Clock.systemUTC());
	}

	public SignedClient(String base, String secret, Clock clock) {
		this.base = base;
		this.signer = new RequestSigner(ClusterSecret.of(secret), clock);
	}

	public HttpResponse<String> dispatch(RunRequest request) {
		return post(WorkerPaths.RUNS, json(request));
	}

	public HttpResponse<String> post(String pathAndQuery, byte[] body) {
		RequestSignature signature = this.signer.sign("POST", pathAndQuery, body);
		return send(HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), signature);
	}

	public HttpResponse<String> get(String pathAndQuery) {
		RequestSignature signature = this.signer.sign("GET", pathAndQuery, new byte[0]);
		return send(HttpRequest.newBuilder(URI.create(this.base + pathAndQuery)).GET(), signature);
	}

	public HttpResponse<String> send(HttpRequest.Builder builder, RequestSignature signature) {
		builder.header(SignatureHeaders.TIMESTAMP, Long.toString(signature.timestampMs()))
			.header(SignatureHeaders.NONCE, signature.nonce())
			.header(SignatureHeaders.SIGNATURE, signature.signature());
		return raw(builder);
	}

	public HttpResponse<String> raw(HttpRequest.Builder builder) {
		try {
			return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public RequestSigner signer() {
		return this.signer;
	}

	public byte[] json(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	public <T> T read(String json, Class<T> type) {
		return this.mapper.readValue(json, type);
	}

}
