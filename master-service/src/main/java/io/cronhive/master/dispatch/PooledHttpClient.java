package io.cronhive.master.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Feign's transport on the JDK's HTTP client, which keeps a pool of persistent connections per worker:
 * Feign's default ({@code HttpURLConnection}) keeps at most five idle connections per host, so at thousands
 * of dispatches a second most calls would pay for a new TCP connection.
 */
final class PooledHttpClient implements Client {

	// The JDK client sets these itself and refuses them from callers.
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final HttpClient http;

	PooledHttpClient(Duration connectTimeout) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		byte[] body = request.body();
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
			.timeout(Duration.ofMillis(options.readTimeoutMillis()))
			.method(request.httpMethod().name(), (body != null && body.length > 0)
					? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
		request.headers().forEach((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while calling " + request.url(), ex);
		}
		Map<String, Collection<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> headers.put(name, values));
		return Response.builder()
			.status(response.statusCode())
			.reason("")
			.headers(headers)
			.request(request)
			.body(response.body())
			.build();
	}

}
