package io.cronhive.master.dispatch;

import java.net.URI;

import feign.Client;
import feign.Request;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Retryer;
import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;
import io.cronhive.master.config.MasterProperties;

import org.springframework.context.annotation.Bean;

/**
 * The worker client's own Feign context (deliberately not a scanned configuration): signing, timeouts, a
 * pooled transport, and no Feign retries, because the only safe retry (connect failures) is resilience4j's in
 * {@link WorkerCalls}.
 */
class WorkerClientConfiguration {

	@Bean
	RequestInterceptor signingInterceptor(RequestSigner signer) {
		return (template) -> sign(signer, template);
	}

	@Bean
	Request.Options workerTimeouts(MasterProperties properties) {
		return new Request.Options(properties.dispatch().connectTimeout(), properties.dispatch().readTimeout(), false);
	}

	@Bean
	Client workerTransport(MasterProperties properties) {
		return new PooledHttpClient(properties.dispatch().connectTimeout());
	}

	@Bean
	Retryer workerRetryer() {
		return Retryer.NEVER_RETRY;
	}

	/** Signs method, path with query and the exact body bytes, as the worker will see them. */
	static void sign(RequestSigner signer, RequestTemplate template) {
		byte[] body = (template.body() != null) ? template.body() : new byte[0];
		RequestSignature signature = signer.sign(template.method(), pathAndQuery(template), body);
		template.header(SignatureHeaders.TIMESTAMP, Long.toString(signature.timestampMs()));
		template.header(SignatureHeaders.NONCE, signature.nonce());
		template.header(SignatureHeaders.SIGNATURE, signature.signature());
	}

	static String pathAndQuery(RequestTemplate template) {
		String url = template.url();
		if (url.startsWith("http://") || url.startsWith("https://")) {
			URI uri = URI.create(url);
			String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
			return path + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		}
		return url;
	}

}
