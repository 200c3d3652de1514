package io.cronhive.master.dispatch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import feign.codec.EncodeException;
import io.cronhive.master.cluster.ClusterIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class WorkerCallsTests {

	static final WorkerInstance WORKER = new WorkerInstance("a", "worker-agent", URI.create("http://a:8083"),
			"10.0.0.1", "w-a", null);

	final WorkerClient client = mock(WorkerClient.class);

	final WorkerCalls calls = new WorkerCalls(this.client, new WorkerHealth(4, Duration.ofSeconds(5)),
			ClusterIdentity.of("cluster-a"), 8, Duration.ZERO);

	@Test
	void aCallThatFailedBeforeAnyAnswerSaysHowInsteadOfAStatusOfMinusOne() {
		given(this.client.runBatch(any(), any())).willThrow(new EncodeException("could not write the batch"));

		CallResult failure = this.calls.runBatch(WORKER, List.of()).failure();

		// "answered -1" told an operator nothing: the run log says what failed.
		assertThat(failure.kind()).isEqualTo(CallResult.Kind.REFUSED);
		assertThat(failure.detail()).isEqualTo("w-a (http://a:8083) call failed: EncodeException: could not write the batch");
	}

}
