package io.cronhive.worker.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;

import io.cronhive.common.dispatch.RunParent;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.worker.config.WorkerProperties;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * HTTP jobs: the status is the exit code, the body goes into the run's output (capped like any output),
 * success is the expected status or any 2xx. Calls are blocking on the run's virtual thread over pooled
 * keep-alive connections (a bounded number per host), which costs far less per call than an asynchronous client
 * when thousands of jobs share an instant. Redirects are not followed, so a redirect cannot lead around the
 * {@link AddressGuard}; nothing is retried, because a job's request may not be idempotent.
 */
@Component
class HttpExecutor implements JobExecutor, DisposableBean {

	private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);

	private static final int MAX_READ_BUFFER = 8192;

	static final String PARENT_RUN_HEADER = "X-Cronhive-Parent-Run";

	static final String PARENT_JOB_HEADER = "X-Cronhive-Parent-Job";

	static final String PARENT_STATUS_HEADER = "X-Cronhive-Parent-Status";

	private final CloseableHttpClient client;

	private final JsonMapper mapper;

	private final boolean allowLinkLocal;

	HttpExecutor(JsonMapper mapper, WorkerProperties properties) {
		this.mapper = mapper;
		this.allowLinkLocal = properties.allowLinkLocalHttp();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				// Thousands of runs sharing an instant wait for a few hundred connections: the lax pool hands
				// them over without one lock for the whole pool.
				.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
				.setMaxConnPerRoute(properties.httpConnectionsPerHost())
				// A few hosts' worth of connections: each holds socket buffers, and more runs than this wait
				// for one rather than open thousands.
				.setMaxConnTotal(4 * properties.httpConnectionsPerHost())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(CONNECT_TIMEOUT)
					.setValidateAfterInactivity(TimeValue.ofSeconds(2))
					.build())
				.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
				.build())
			// No Accept-Encoding of our own: the output is the body as the server sends it, with no
			// decompression step per call.
			.disableContentCompression()
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.setUserAgent("cronhive-worker")
			.build();
	}

	@Override
	public JobType type() {
		return JobType.HTTP;
	}

	@Override
	public boolean forksProcess() {
		return false;
	}

	/** Parses the target, applies the address guard and builds the request, all before the run's instant. */
	@Override
	public PreparedCall prepare(RunRequest request) {
		HttpTarget target;
		try {
			target = HttpTarget.parse(request.target(), this.mapper);
			HttpUriRequestBase call = build(target);
			addParentHeaders(call, request.parent());
			return new PreparedCall(target, call, AddressGuard.refusal(target.url(), this.allowLinkLocal));
		}
		catch (IllegalArgumentException ex) {
			return new PreparedCall(null, null, "invalid http target: " + ex.getMessage());
		}
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		PreparedCall prepared = (context.preparation() instanceof PreparedCall call) ? call
				: prepare(context.request());
		if (prepared.refusal() != null) {
			return ExecutionResult.notStarted(prepared.refusal());
		}
		HttpTarget target = prepared.target();
		HttpUriRequestBase request = prepared.request();
		context.output().note(target.method() + " " + target.url());
		// Cancelling aborts the exchange, headers or body, on a kill or the run's timeout.
		context.onKill(request::cancel);
		ScheduledFuture<?> timeout = context.armTimeout(target.timeoutMs());
		try {
			int status = this.client.execute(request, (response) -> record(response, context));
			ExecutionResult ended = context.ended(0);
			if (ended.ending() != ExecutionResult.Ending.FINISHED) {
				return new ExecutionResult(ended.ending(), false, status, ended.message());
			}
			boolean ok = (target.expectStatus() != null) ? status == target.expectStatus() : status / 100 == 2;
			String message = ok ? null : (target.expectStatus() != null)
					? "expected HTTP " + target.expectStatus() + ", got " + status : "HTTP " + status + " is not 2xx";
			return ExecutionResult.finished(ok, status, message);
		}
		catch (IOException ex) {
			ExecutionResult ended = context.ended(-1);
			if (ended.ending() != ExecutionResult.Ending.FINISHED) {
				return ended;
			}
			if (ex instanceof SocketTimeoutException) {
				return new ExecutionResult(ExecutionResult.Ending.TIMED_OUT, false, -1, "timed out: " + ex.getMessage());
			}
			context.output().note("request failed: " + ex);
			return ExecutionResult.finished(false, -1, "request failed: " + ex);
		}
		finally {
			if (timeout != null) {
				timeout.cancel(false);
			}
		}
	}

	private static int record(ClassicHttpResponse response, RunContext context) throws IOException {
		context.output().note("HTTP " + response.getCode());
		HttpEntity entity = response.getEntity();
		if (entity != null) {
			try (InputStream body = entity.getContent()) {
				byte[] buffer = new byte[bufferSize(entity.getContentLength())];
				for (int read; (read = body.read(buffer)) != -1;) {
					context.output().write(buffer, 0, read);
				}
			}
		}
		return response.getCode();
	}

	/**
	 * A body's read buffer: its length when known and small. Thousands of calls a second with a fixed 8 KiB
	 * buffer each were a quarter of this agent's allocation, and so of its collections, for bodies of a few bytes.
	 */
	private static int bufferSize(long contentLength) {
		return (contentLength >= 0 && contentLength < MAX_READ_BUFFER) ? (int) contentLength + 1 : MAX_READ_BUFFER;
	}

	private static HttpUriRequestBase build(HttpTarget target) {
		HttpUriRequestBase request = new HttpUriRequestBase(target.method(), target.url());
		target.headers().forEach(request::addHeader);
		if (target.body() != null) {
			// No content type of our own: the job's headers say what the body is.
			request.setEntity(new ByteArrayEntity(target.body().getBytes(StandardCharsets.UTF_8), null));
		}
		if (target.timeoutMs() != null && target.timeoutMs() > 0) {
			request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(target.timeoutMs())).build());
		}
		return request;
	}

	/**
	 * A run a job dependency triggered tells its target which run triggered it. Set over the job's own headers
	 * of the same name, as the run's identity is in a process's environment.
	 */
	static void addParentHeaders(HttpUriRequestBase request, RunParent parent) {
		if (parent == null) {
			return;
		}
		request.setHeader(PARENT_RUN_HEADER, Long.toString(parent.runId()));
		request.setHeader(PARENT_JOB_HEADER, String.valueOf(parent.jobId()));
		request.setHeader(PARENT_STATUS_HEADER, String.valueOf(parent.status()));
	}

	@Override
	public void destroy() throws IOException {
		this.client.close();
	}

	/** A run's call, ready to send; or why it cannot be made (then target and request may be null). */
	record PreparedCall(HttpTarget target, HttpUriRequestBase request, String refusal) {
	}

}
