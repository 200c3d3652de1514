package io.cronhive.worker.channel;

import java.io.IOException;
import java.net.URI;

import io.cronhive.common.signing.RequestSignature;
import io.cronhive.common.signing.RequestSigner;
import io.cronhive.common.signing.SignatureHeaders;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/** Signs every outgoing request to a master over the exact bytes sent, mirroring {@link SignedRequestFilter}. */
public final class SigningInterceptor implements ClientHttpRequestInterceptor {

	private final RequestSigner signer;

	public SigningInterceptor(RequestSigner signer) {
		this.signer = signer;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		URI uri = request.getURI();
		String pathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		RequestSignature signature = this.signer.sign(request.getMethod().name(), pathAndQuery, body);
		request.getHeaders().set(SignatureHeaders.TIMESTAMP, Long.toString(signature.timestampMs()));
		request.getHeaders().set(SignatureHeaders.NONCE, signature.nonce());
		request.getHeaders().set(SignatureHeaders.SIGNATURE, signature.signature());
		return execution.execute(request, body);
	}

}
