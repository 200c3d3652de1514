package io.cronhive.common.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.cronhive.common.signing.SignatureVerifier.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SignatureVerifierTests {

	private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef-test");

	private static final byte[] BODY = "{\"runId\":7}".getBytes(StandardCharsets.UTF_8);

	private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final RequestSigner signer = new RequestSigner(SECRET, this.clock);

	private final SignatureVerifier verifier = new SignatureVerifier(SECRET, this.clock, Duration.ofSeconds(30));

	@Test
	void acceptsARequestSignedWithTheSameSecret() {
		RequestSignature sig = this.signer.sign("POST", "/internal/runs", BODY);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.VALID);
	}

	@Test
	void refusesMissingHeadersAsUnsigned() {
		assertThat(this.verifier.verify("POST", "/internal/runs", BODY, null, null, null)).isEqualTo(Verdict.UNSIGNED);
		assertThat(this.verifier.verify("POST", "/internal/runs", BODY, "not-a-number", "n", "s"))
			.isEqualTo(Verdict.UNSIGNED);
	}

	@Test
	void refusesATamperedBodyPathOrMethod() {
		RequestSignature sig = this.signer.sign("POST", "/internal/runs", BODY);
		byte[] tampered = "{\"runId\":8}".getBytes(StandardCharsets.UTF_8);
		assertThat(verify("POST", "/internal/runs", tampered, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
		assertThat(verify("POST", "/internal/runs/7/kill", BODY, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
		assertThat(verify("PUT", "/internal/runs", BODY, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
	}

	@Test
	void refusesASignatureMadeWithAnotherSecret() {
		RequestSigner other = new RequestSigner(ClusterSecret.of("another-secret-of-at-least-32-bytes!!"), this.clock);
		RequestSignature sig = other.sign("POST", "/internal/runs", BODY);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
	}

	@Test
	void refusesARequestSignedOutsideTheClockWindow() {
		Clock past = Clock.offset(this.clock, Duration.ofSeconds(-31));
		RequestSignature sig = new RequestSigner(SECRET, past).sign("POST", "/internal/runs", BODY);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.STALE);
		Clock future = Clock.offset(this.clock, Duration.ofSeconds(31));
		RequestSignature early = new RequestSigner(SECRET, future).sign("POST", "/internal/runs", BODY);
		assertThat(verify("POST", "/internal/runs", BODY, early)).isEqualTo(Verdict.STALE);
	}

	@Test
	void refusesAReplayOfAnAcceptedRequest() {
		RequestSignature sig = this.signer.sign("POST", "/internal/runs", BODY);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.VALID);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.REPLAYED);
	}

	@Test
	void aForgedRequestDoesNotBurnTheNonceOfTheRealOne() {
		RequestSignature sig = this.signer.sign("POST", "/internal/runs", BODY);
		RequestSignature forged = new RequestSignature(sig.timestampMs(), sig.nonce(), "AAAA");
		assertThat(verify("POST", "/internal/runs", BODY, forged)).isEqualTo(Verdict.BAD_SIGNATURE);
		assertThat(verify("POST", "/internal/runs", BODY, sig)).isEqualTo(Verdict.VALID);
	}

	@Test
	void secretShorterThan32BytesIsRefusedWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> ClusterSecret.of("short"))
			.withMessageContaining("at least 32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> ClusterSecret.of(null))
			.withMessageContaining("CRONHIVE_CLUSTER_SECRET");
		assertThat(SECRET.toString()).doesNotContain("0123");
	}

	private Verdict verify(String method, String path, byte[] body, RequestSignature sig) {
		return this.verifier.verify(method, path, body, Long.toString(sig.timestampMs()), sig.nonce(), sig.signature());
	}

}
