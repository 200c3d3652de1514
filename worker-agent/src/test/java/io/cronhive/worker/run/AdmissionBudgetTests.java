package io.cronhive.worker.run;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;

import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class AdmissionBudgetTests {

	private static final long MB = 1 << 20;

	@Test
	void budgetIsHalfOfTheHeapBeyondTheAgentsOwnLiveSet() {
		AdmissionBudget budget = new AdmissionBudget(256 * MB, 64 * 1024, null);

		assertThat(budget.capacity()).isEqualTo(96 * MB);
		// 96 MB at 12 KB a run: the 16,384 runs a 256 MB worker once took were twice what it carries.
		assertThat(budget.runsItCarries()).isEqualTo(8192);
	}

	@Test
	void heapSmallerThanTheAgentItselfCarriesNothing() {
		assertThat(new AdmissionBudget(48 * MB, 64 * 1024, null).runsItCarries()).isZero();
	}

	@Test
	void aRunCostsItsMeasuredShareAndItsOwnText() {
		AdmissionBudget budget = new AdmissionBudget(256 * MB, 64 * 1024, null);
		RunRequest small = run(JobType.HTTP, "http://127.0.0.1/hit");
		RunRequest large = run(JobType.HTTP, "x".repeat(100_000));

		assertThat(budget.costOf(small)).isBetween(AdmissionBudget.BYTES_PER_RUN, AdmissionBudget.BYTES_PER_RUN + 1024);
		assertThat(budget.costOf(large)).isGreaterThan(400_000);
		// A process run's output is held whole until its report is written.
		assertThat(budget.costOf(run(JobType.SHELL, "echo"))).isGreaterThan(64 * 1024);
	}

	@Test
	void reservationsStopAtTheBudgetAndComeBackWhenReleased() {
		AdmissionBudget budget = new AdmissionBudget(64 * MB + 2 * 100_000, 0, null);

		assertThat(budget.tryReserve(60_000)).isTrue();
		assertThat(budget.tryReserve(60_000)).isFalse();
		assertThat(budget.reserved()).isEqualTo(60_000);
		assertThat(budget.tryReserve(40_000)).isTrue();
		budget.release(60_000);
		assertThat(budget.tryReserve(60_000)).isTrue();
		assertThat(budget.reserved()).isEqualTo(100_000);
	}

	@Test
	void anOldGenerationStillFullAfterACollectionIsPressure() {
		MemoryPoolMXBean old = mock(MemoryPoolMXBean.class);
		given(old.getUsage()).willReturn(new MemoryUsage(0, 150 * MB, 170 * MB, 170 * MB));
		AdmissionBudget budget = new AdmissionBudget(256 * MB, 0, old);

		given(old.getCollectionUsage()).willReturn(new MemoryUsage(0, 100 * MB, 170 * MB, 170 * MB));
		assertThat(budget.underPressure()).isFalse();
		given(old.getCollectionUsage()).willReturn(new MemoryUsage(0, 160 * MB, 170 * MB, 170 * MB));
		assertThat(budget.underPressure()).isTrue();
	}

	private static RunRequest run(JobType type, String target) {
		return new RunRequest("cluster", 1, 1, "job", "a job", type, target, Map.of(), 0, 0, 1);
	}

}
