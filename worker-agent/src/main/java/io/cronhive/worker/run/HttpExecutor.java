package io.cronhive.worker.run;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;

import io.cronhive.common.job.JobType;
import io.cronhive.worker.config.WorkerProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * HTTP jobs through {@link HttpClient}: the status is the exit code, the body streams into the run's output
 * (capped like any output), success is the expected status or any 2xx. Redirects are not followed, so a
 * redirect cannot lead around the {@link AddressGuard}.
 */
@Component
class HttpExecutor implements JobExecutor {

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final JsonMapper mapper;

	private final boolean allowLinkLocal;

	HttpExecutor(JsonMapper mapper, WorkerProperties properties) {
		this.mapper = mapper;
		this.allowLinkLocal = properties.allowLinkLocalHttp();
	}

	@Override
	public JobType type() {
		return JobType.HTTP;
	}

	@Override
	public boolean needsWorkDir() {
		return false;
	}

	@Override
	public ExecutionResult execute(RunContext context) throws Exception {
		HttpTarget target;
		HttpRequest request;
		try {
			target = HttpTarget.parse(context.request().target(), this.mapper);
			request = build(target);
		}
		catch (IllegalArgumentException ex) {
			return ExecutionResult.notStarted("invalid http target: " + ex.getMessage());
		}
		String refusal = AddressGuard.refusal(target.url(), this.allowLinkLocal);
		if (refusal != null) {
			return ExecutionResult.notStarted(refusal);
		}
		context.output().note(target.method() + " " + target.url());
		CompletableFuture<HttpResponse<Void>> response = this.client.sendAsync(request, (info) -> {
			context.output().note("HTTP " + info.statusCode());
			return HttpResponse.BodySubscribers.ofByteArrayConsumer((chunk) -> chunk.ifPresent((bytes) -> context.output().write(bytes, 0, bytes.length)));
		});
		// Cancelling the future aborts the exchange, headers or body, on a kill or the run's timeout.
		context.onKill(() -> response.cancel(true));
		ScheduledFuture<?> timeout = context.armTimeout(target.timeoutMs());
		try {
			int status = response.get().statusCode();
			ExecutionResult ended = context.ended(0);
			if (ended.ending() != ExecutionResult.Ending.FINISHED) {
				return new ExecutionResult(ended.ending(), false, status, ended.message());
			}
			boolean ok = (target.expectStatus() != null) ? status == target.expectStatus() : status / 100 == 2;
			String message = ok ? null : (target.expectStatus() != null)
					? "expected HTTP " + target.expectStatus() + ", got " + status : "HTTP " + status + " is not 2xx";
			return ExecutionResult.finished(ok, status, message);
		}
		catch (CancellationException ex) {
			return context.ended(-1);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof HttpTimeoutException) {
				return new ExecutionResult(ExecutionResult.Ending.TIMED_OUT, false, -1,
						"timed out: " + cause.getMessage());
			}
			ExecutionResult ended = context.ended(-1);
			if (ended.ending() != ExecutionResult.Ending.FINISHED) {
				return ended;
			}
			context.output().note("request failed: " + cause);
			return ExecutionResult.finished(false, -1, "request failed: " + cause);
		}
		finally {
			if (timeout != null) {
				timeout.cancel(false);
			}
		}
	}

	private HttpRequest build(HttpTarget target) {
		HttpRequest.BodyPublisher body = (target.body() != null) ? HttpRequest.BodyPublishers.ofString(target.body())
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(target.url()).method(target.method(), body);
		target.headers().forEach(builder::header);
		if (target.timeoutMs() != null && target.timeoutMs() > 0) {
			builder.timeout(Duration.ofMillis(target.timeoutMs()));
		}
		return builder.build();
	}

}
