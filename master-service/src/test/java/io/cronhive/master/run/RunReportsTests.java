package io.cronhive.master.run;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.cluster.ClusterIdentity;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/** Follow-ups of applied reports, and the whole-batch retry on lock conflicts. */
class RunReportsTests {

	private final RunStore store = mock(RunStore.class);

	private final RunRetries retries = mock(RunRetries.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final Acceptances acceptances = mock(Acceptances.class);

	private final RunReports reports = new RunReports(this.store, this.retries, new RunMetrics(this.registry),
			this.acceptances, ClusterIdentity.of("cluster-a"));

	@Test
	void acceptancesOfReportedRunsAreDroppedButNotThoseOfUnknownRuns() {
		List<RunReport> batch = List.of(report(1, RunOutcome.OK, 1500), report(2, RunOutcome.OK, 1500),
				report(3, RunOutcome.OK, 1500));
		given(this.store.applyReports(batch)).willReturn(List.of(
				new ReportResult(batch.get(0), ReportOutcome.APPLIED, "cron", 1000),
				new ReportResult(batch.get(1), ReportOutcome.ALREADY_APPLIED, "cron", 1000),
				new ReportResult(batch.get(2), ReportOutcome.UNKNOWN_RUN, null, 0)));

		this.reports.applyAll(batch);

		then(this.acceptances).should().settled(List.of(1L, 2L));
	}

	@Test
	void reportsOfAnotherClustersRunsAreUnknownAndOnlyThisClustersReachTheDatabase() {
		RunReport ours = report(1, RunOutcome.OK, 1500);
		RunReport foreign = new RunReport("cluster-old", 2, 1, "w1", "10.0.0.7", RunStatus.DONE, RunOutcome.FAILED, 1,
				"", false, null, 1500, 1600);
		RunReport unnamed = new RunReport(null, 3, 1, "w1", "10.0.0.7", RunStatus.DONE, RunOutcome.FAILED, 1, "", false,
				null, 1500, 1600);
		given(this.store.applyReports(List.of(ours)))
			.willReturn(List.of(new ReportResult(ours, ReportOutcome.APPLIED, "cron", 1000)));

		List<ReportResult> results = this.reports.applyAll(List.of(foreign, ours, unnamed));

		assertThat(results).extracting((r) -> r.report().runId(), ReportResult::outcome)
			.containsExactly(tuple(2L, ReportOutcome.UNKNOWN_RUN), tuple(1L, ReportOutcome.APPLIED),
					tuple(3L, ReportOutcome.UNKNOWN_RUN));
		then(this.store).should().applyReports(List.of(ours));
		then(this.retries).should(never()).scheduleRetry(anyLong(), anyLong());
		then(this.acceptances).should().settled(List.of(1L));
	}

	@Test
	void batchLosingADeadlockIsRetriedWholeAndFollowedUpOnce() {
		List<RunReport> batch = List.of(report(1, RunOutcome.FAILED, 1500));
		given(this.store.applyReports(batch)).willThrow(new PessimisticLockingFailureException("deadlock"))
			.willThrow(new CannotAcquireLockException("lock wait timeout"))
			.willReturn(List.of(new ReportResult(batch.get(0), ReportOutcome.APPLIED, "cron", 1000)));

		assertThat(this.reports.applyAll(batch)).extracting(ReportResult::outcome).containsExactly(ReportOutcome.APPLIED);
		then(this.store).should(times(3)).applyReports(batch);
		then(this.retries).should().scheduleRetry(1, 1600);
		assertThat(this.registry.get("cronhive.runs.finished").tag("result", "failed").counter().count()).isEqualTo(1);
	}

	@Test
	void batchThatKeepsLosingLockConflictsFailsAfterTheLastAttempt() {
		given(this.store.applyReports(anyList())).willThrow(new PessimisticLockingFailureException("deadlock"));

		assertThatExceptionOfType(PessimisticLockingFailureException.class)
			.isThrownBy(() -> this.reports.applyAll(List.of(report(1, RunOutcome.OK, 1500))));
		then(this.store).should(times(RunReports.ATTEMPTS)).applyReports(anyList());
		then(this.retries).should(never()).scheduleRetry(anyLong(), anyLong());
	}

	@Test
	void onlyAppliedFailuresAreRetriedAndCounted() {
		RunReport applied = report(1, RunOutcome.FAILED, 1500);
		RunReport repeated = report(2, RunOutcome.FAILED, 1500);
		RunReport unknown = report(3, RunOutcome.FAILED, 1500);
		given(this.store.applyReports(anyList())).willReturn(List.of(
				new ReportResult(applied, ReportOutcome.APPLIED, "manual", 1000),
				new ReportResult(repeated, ReportOutcome.ALREADY_APPLIED, "cron", 1000),
				new ReportResult(unknown, ReportOutcome.UNKNOWN_RUN, null, 0)));

		this.reports.applyAll(List.of(applied, repeated, unknown));

		then(this.retries).should().scheduleRetry(1, 1600);
		then(this.retries).should(never()).scheduleRetry(2, 1600);
		then(this.retries).should(never()).scheduleRetry(3, 1600);
		assertThat(this.registry.get("cronhive.runs.finished").tag("result", "failed").counter().count()).isEqualTo(1);
	}

	@Test
	void startLatenessIsRecordedForSlotRunsOnly() {
		RunReport cron = report(1, RunOutcome.OK, 1250);
		RunReport catchup = report(2, RunOutcome.OK, 5000);
		RunReport manual = report(3, RunOutcome.OK, 9000);
		RunReport early = report(4, RunOutcome.OK, 900);
		given(this.store.applyReports(anyList())).willReturn(List.of(
				new ReportResult(cron, ReportOutcome.APPLIED, "cron", 1000),
				new ReportResult(catchup, ReportOutcome.APPLIED, "catchup", 1000),
				new ReportResult(manual, ReportOutcome.APPLIED, "manual", 1000),
				new ReportResult(early, ReportOutcome.APPLIED, "cron", 1000)));

		this.reports.applyAll(List.of(cron, catchup, manual, early));

		Timer cronTimer = this.registry.get("cronhive.run.start.lateness").tag("kind", "cron").timer();
		assertThat(cronTimer.count()).isEqualTo(2);
		// A start before the instant (worker clock ahead) counts as on time, not as negative lateness.
		assertThat(cronTimer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
		assertThat(this.registry.get("cronhive.run.start.lateness").tag("kind", "catchup").timer()
			.max(TimeUnit.MILLISECONDS)).isEqualTo(4000);
		assertThat(this.registry.find("cronhive.run.start.lateness").tag("kind", "manual").timer()).isNull();
	}

	@Test
	void repeatedReportRecordsNoStartLatenessAgain() {
		RunReport repeated = report(1, RunOutcome.OK, 1250);
		given(this.store.applyReports(anyList()))
			.willReturn(List.of(new ReportResult(repeated, ReportOutcome.ALREADY_APPLIED, "cron", 1000)));

		this.reports.applyAll(List.of(repeated));

		assertThat(this.registry.find("cronhive.run.start.lateness").timer()).isNull();
	}

	private static RunReport report(long runId, RunOutcome outcome, long startedAtMs) {
		return new RunReport("cluster-a", runId, 1, "w1", "10.0.0.7", RunStatus.DONE, outcome, 0, "", false, null,
				startedAtMs, 1600);
	}

}
