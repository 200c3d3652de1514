package io.cronhive.master.dispatch;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.cronhive.common.job.JobType;
import io.cronhive.master.run.JobSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which workers a job may run on, and the reason when none. */
class CandidatesTests {

	private static final WorkerInstance GPU = new WorkerInstance("g1", "srv-a", URI.create("http://g1"), "10.0.0.1",
			"gpu-box", "gpu");

	private static final WorkerInstance PLAIN = new WorkerInstance("p1", "srv-b", URI.create("http://p1"), "10.0.0.2",
			"plain-box", null);

	@Test
	void jobWithNeitherTagNorGroupMayRunOnAnyWorker() {
		Candidates candidates = Candidates.select(job(null, null), List.of(GPU, PLAIN), (g, w) -> false, (w) -> true);
		assertThat(candidates.workers()).containsExactly(GPU, PLAIN);
		assertThat(candidates.reason()).isNull();
	}

	@Test
	void taggedJobRunsOnlyOnWorkersWithThatTag() {
		assertThat(Candidates.select(job("gpu", null), List.of(GPU, PLAIN), (g, w) -> false, (w) -> true).workers())
			.containsExactly(GPU);
	}

	@Test
	void noWorkerWithTheTagIsNamedInTheReason() {
		Candidates candidates = Candidates.select(job("tpu", null), List.of(GPU, PLAIN), (g, w) -> false, (w) -> true);
		assertThat(candidates.workers()).isEmpty();
		assertThat(candidates.reason()).isEqualTo("no online worker has tag 'tpu'");
	}

	@Test
	void groupJobRunsOnlyOnMembers() {
		Candidates candidates = Candidates.select(job(null, 7L), List.of(GPU, PLAIN),
				(g, w) -> g == 7L && w == PLAIN, (w) -> true);
		assertThat(candidates.workers()).containsExactly(PLAIN);
	}

	@Test
	void tagAndGroupMustBothMatch() {
		Candidates candidates = Candidates.select(job("gpu", 7L), List.of(GPU, PLAIN), (g, w) -> w == PLAIN,
				(w) -> true);
		assertThat(candidates.workers()).isEmpty();
		assertThat(candidates.reason()).isEqualTo("no online worker in group 'group-7' has tag 'gpu'");
	}

	@Test
	void failingWorkersAreLeftOutAndNamedWhenNoneIsLeft() {
		assertThat(Candidates.select(job(null, null), List.of(GPU, PLAIN), (g, w) -> false, (w) -> w != GPU).workers())
			.containsExactly(PLAIN);
		Candidates none = Candidates.select(job("gpu", null), List.of(GPU, PLAIN), (g, w) -> false, (w) -> false);
		assertThat(none.reason()).contains("failing").contains("gpu-box");
	}

	@Test
	void noWorkerAtAllSaysSo() {
		assertThat(Candidates.select(job(null, null), List.of(), (g, w) -> false, (w) -> true).reason())
			.isEqualTo("no worker is online");
	}

	private static JobSpec job(String tag, Long groupId) {
		return new JobSpec(1, "u", "j", groupId, (groupId != null) ? "group-" + groupId : null, tag, "* * * * * ?",
				"UTC", JobType.SHELL, "echo", Map.of(), 0, 0, 0, "round_robin", "fire_once", "allow", "u");
	}

}
