package io.cronhive.worker.run;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.cronhive.common.dispatch.RunAcceptance;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.worker.AgentTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Epoch fencing per partition, against a running agent. The agent is shared with other tests, which dispatch
 * without a partition under {@link #EPOCH}; each test here has partitions of its own.
 */
class PartitionFencingTests extends AgentTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void runsOfTwoPartitionsWithUnrelatedEpochsAreBothAccepted() {
		ran(run(EPOCH, null, "true"));

		// Master A holds partition 3 at epoch 40 while master B holds partition 7 at epoch 12.
		ran(run(40, 3, "true"));
		ran(run(12, 7, "true"));
		ran(run(13, 7, "true"));
		ran(run(40, 3, "true"));
	}

	@Test
	void aLowerEpochWithinAPartitionIsRefusedNamingThePartition() {
		ran(run(50, 11, "true"));
		double refusedBefore = staleEpochAnswers();
		RunRequest deposed = run(49, 11, "echo ran >> " + mark("deposed-partition-11"));

		HttpResponse<String> response = client().dispatch(deposed);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
		assertThat(response.body()).contains("stale-epoch", "\"field\":\"epoch\"",
				"epoch 49 is lower than 50, the highest this worker has seen for partition 11");
		assertThat(Path.of(mark("deposed-partition-11"))).doesNotExist();
		assertThat(staleEpochAnswers()).isEqualTo(refusedBefore + 1);
	}

	@Test
	void mastersOfBeforePartitionsAreFencedByTheirOwnEpochsOnly() {
		ran(run(EPOCH + 5000, 13, "true"));

		ran(run(EPOCH, null, "true"));
		HttpResponse<String> deposed = client().dispatch(run(EPOCH - 1, null, "true"));

		assertThat(deposed.statusCode()).as(deposed.body()).isEqualTo(409);
		assertThat(deposed.body())
			.contains("epoch " + (EPOCH - 1) + " is lower than " + EPOCH + ", the highest this worker has seen\"")
			.doesNotContain("partition");
	}

	@Test
	void aKnownRunIdIsAcknowledgedWhateverItsPartitionsEpoch() {
		RunRequest first = run(60, 15, "echo once");
		start(first);
		ran(run(61, 15, "true"));
		RunRequest repeat = new RunRequest(CLUSTER, first.runId(), 59, first.jobId(), first.jobName(), first.type(),
				first.target(), first.parameters(), 0, first.scheduledAtMs(), 1, null, 15);

		HttpResponse<String> response = client().dispatch(repeat);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(client().read(response.body(), RunAcceptance.class).accepted()).isFalse();
		assertThat(awaitReport(first.runId()).output()).isEqualTo("once\n");
	}

	/** Dispatches a run, asserts it was accepted and waits for its report, so it holds no slot afterwards. */
	private void ran(RunRequest run) {
		start(run);
		awaitReport(run.runId());
	}

	private double staleEpochAnswers() {
		var counter = this.meters.find("cronhive.worker.dispatches").tag("answer", "stale_epoch").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static RunRequest run(long epoch, Integer partition, String script) {
		RunRequest run = request(nextRunId(), JobType.SHELL, script);
		return new RunRequest(CLUSTER, run.runId(), epoch, run.jobId(), run.jobName(), run.type(), run.target(),
				run.parameters(), 0, run.scheduledAtMs(), 1, null, partition);
	}

}
