package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports and the run's own transitions on H2 (MySQL mode) and MariaDB. */
class RunReportIntegrationTests {

	@RegisterExtension
	static final TestDatabases databases = new TestDatabases();

	private TestDatabase db;

	private RunStore runs;

	private long jobId;

	private long runId;

	private void open(TestDatabase.Kind kind) {
		this.db = databases.fresh(kind);
		this.runs = new RunStore(this.db.jdbc(), this.db.named());
		this.jobId = this.db.insertJob("reported", "0 * * * * ?", true, null, "fire_once");
		this.db.jdbc()
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
					+ "dispatched_at, epoch, trigger_kind, slot_key) VALUES (?, 'u', 'reported', 'http', 'dispatched', 1, "
					+ "0, 1000, 1001, 1, 'cron', 'cron:1:1000')")
			.param(this.jobId)
			.update();
		this.runId = this.db.jdbc().sql("SELECT id FROM run_logs").query(Long.class).single();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void reportFinishesRunAndUpdatesJobLastRunFields(TestDatabase.Kind kind) {
		open(kind);
		assertThat(this.runs.applyReport(report(RunStatus.DONE, RunOutcome.OK, "hello"))).isEqualTo(ReportOutcome.APPLIED);
		Map<String, Object> run = this.db.jdbc()
			.sql("SELECT state, status, result, exit_code, output, started_at, ended_at, times, worker_name, worker_ip "
					+ "FROM run_logs WHERE id = ?")
			.param(this.runId)
			.query()
			.singleRow();
		assertThat(run).containsEntry("state", "finished").containsEntry("output", "hello")
			.containsEntry("worker_name", "w1").containsEntry("worker_ip", "10.0.0.7");
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(2);
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(1);
		assertThat(((Number) run.get("times")).longValue()).isEqualTo(250);
		Map<String, Object> job = this.db.jdbc()
			.sql("SELECT ip, status, times, start_time, end_time, result, last_run_id FROM jobs WHERE id = ?")
			.param(this.jobId)
			.query()
			.singleRow();
		assertThat(job).containsEntry("ip", "10.0.0.7");
		assertThat(((Number) job.get("status")).intValue()).isEqualTo(2);
		assertThat(((Number) job.get("start_time")).longValue()).isEqualTo(2000);
		assertThat(((Number) job.get("end_time")).longValue()).isEqualTo(2250);
		assertThat(((Number) job.get("last_run_id")).longValue()).isEqualTo(this.runId);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void repeatedReportChangesNothing(TestDatabase.Kind kind) {
		open(kind);
		this.runs.applyReport(report(RunStatus.DONE, RunOutcome.OK, "first"));
		assertThat(this.runs.applyReport(report(RunStatus.ERROR, RunOutcome.FAILED, "second")))
			.isEqualTo(ReportOutcome.ALREADY_APPLIED);
		assertThat(this.db.jdbc().sql("SELECT output FROM run_logs WHERE id = ?").param(this.runId).query(String.class).single())
			.isEqualTo("first");
		assertThat(this.db.jdbc().sql("SELECT result FROM jobs WHERE id = ?").param(this.jobId).query(Integer.class).single())
			.isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void reportForUnknownRunIsUnknown(TestDatabase.Kind kind) {
		open(kind);
		RunReport unknown = new RunReport("cluster-a", this.runId + 1000, 1, "w1", "10.0.0.7", RunStatus.DONE,
				RunOutcome.OK, 0, "", false, null, 1, 2);
		assertThat(this.runs.applyReport(unknown)).isEqualTo(ReportOutcome.UNKNOWN_RUN);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void undeliverableRunIsFinishedAsErrorWithItsReason(TestDatabase.Kind kind) {
		open(kind);
		assertThat(this.runs.finishWithError(this.runId, "no online worker has tag 'gpu'", 5000)).isTrue();
		assertThat(this.runs.finishWithError(this.runId, "again", 6000)).isFalse();
		Map<String, Object> run = this.db.jdbc()
			.sql("SELECT state, status, result, message FROM run_logs WHERE id = ?")
			.param(this.runId)
			.query()
			.singleRow();
		assertThat(run).containsEntry("state", "finished").containsEntry("message", "no online worker has tag 'gpu'");
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(4);
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void runsNoWorkerTookAreFailedTogetherOnceEachWithTheirJobsLastRun(TestDatabase.Kind kind) {
		open(kind);
		long first = this.runId;
		long second = insertRun(this.jobId, "cron:1:2000");
		long otherJob = this.db.insertJob("other", "0 * * * * ?", true, null, "fire_once");
		long other = insertRun(otherJob, "cron:2:2000");
		this.runs.applyReport(report(other, "ran", 4000));

		Set<Long> finished = this.runs.finishAllWithError(List.of(new RunStore.Failure(second, "no worker: busy"),
				new RunStore.Failure(other, "no worker: busy"), new RunStore.Failure(first, "no worker: gone"),
				new RunStore.Failure(other + 1000, "unknown")), 9000);

		assertThat(finished).containsExactlyInAnyOrder(first, second);
		Map<String, Object> run = this.db.jdbc()
			.sql("SELECT state, status, result, message, ended_at FROM run_logs WHERE id = ?")
			.param(first)
			.query()
			.singleRow();
		assertThat(run).containsEntry("state", "finished").containsEntry("message", "no worker: gone");
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(RunStatus.ERROR.code());
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(RunOutcome.FAILED.code());
		assertThat(((Number) run.get("ended_at")).longValue()).isEqualTo(9000);
		assertThat(output(other)).as("a run that had finished keeps its report").isEqualTo("ran");
		Map<String, Object> job = this.db.jdbc()
			.sql("SELECT last_run_id, end_time, result FROM jobs WHERE id = ?")
			.param(this.jobId)
			.query()
			.singleRow();
		assertThat(((Number) job.get("last_run_id")).longValue()).isEqualTo(second);
		assertThat(((Number) job.get("end_time")).longValue()).isEqualTo(9000);
		assertThat(((Number) job.get("result")).intValue()).isEqualTo(RunOutcome.FAILED.code());
		assertThat(jobLastRun(otherJob)).containsExactly(other, 4000L);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void batchAppliesEachRunOnceAndAnswersRepeatsAndUnknownRuns(TestDatabase.Kind kind) {
		open(kind);
		long first = this.runId;
		long second = insertRun(this.jobId, "cron:1:2000");
		long otherJob = this.db.insertJob("other", "0 * * * * ?", true, null, "fire_once");
		long other = insertRun(otherJob, "cron:2:2000");
		long unknown = other + 1000;
		// Out of order, with an unknown run and a repeat inside the batch itself.
		List<RunReport> batch = List.of(report(second, "second", 5000), report(unknown, "?", 1),
				report(other, "other", 7000), report(first, "first", 3000), report(second, "again", 9000));

		assertThat(this.runs.applyReports(batch)).extracting(ReportResult::outcome)
			.containsExactly(ReportOutcome.APPLIED, ReportOutcome.UNKNOWN_RUN, ReportOutcome.APPLIED,
					ReportOutcome.APPLIED, ReportOutcome.ALREADY_APPLIED);
		assertThat(output(first)).isEqualTo("first");
		assertThat(output(second)).isEqualTo("second");
		assertThat(output(other)).isEqualTo("other");
		// The job's last run is its highest run id, whatever the order in the batch.
		assertThat(jobLastRun(this.jobId)).containsExactly(second, 5000L);
		assertThat(jobLastRun(otherJob)).containsExactly(other, 7000L);

		List<RunReport> repeat = List.of(report(second, "late", 1), report(unknown, "?", 1), report(other, "late", 1),
				report(first, "late", 1));
		assertThat(this.runs.applyReports(repeat)).extracting(ReportResult::outcome)
			.containsExactly(ReportOutcome.ALREADY_APPLIED, ReportOutcome.UNKNOWN_RUN, ReportOutcome.ALREADY_APPLIED,
					ReportOutcome.ALREADY_APPLIED);
		assertThat(output(second)).isEqualTo("second");
		assertThat(output(first)).isEqualTo("first");
		assertThat(jobLastRun(this.jobId)).containsExactly(second, 5000L);
		assertThat(jobLastRun(otherJob)).containsExactly(other, 7000L);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void batchResultsCarryTheRunsTriggerKindAndScheduledInstant(TestDatabase.Kind kind) {
		open(kind);
		ReportResult result = this.runs.applyReports(List.of(report(this.runId, "x", 2000))).get(0);

		assertThat(result.triggerKind()).isEqualTo("cron");
		assertThat(result.scheduledAtMs()).isEqualTo(1000);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void batchLeavesAJobWhoseLastRunIsNewerAlone(TestDatabase.Kind kind) {
		open(kind);
		long newer = insertRun(this.jobId, "cron:1:2000");
		this.db.jdbc().sql("UPDATE jobs SET last_run_id = ?, start_time = 1 WHERE id = ?").params(newer, this.jobId).update();

		assertThat(this.runs.applyReports(List.of(report(this.runId, "older", 3000)))).extracting(ReportResult::outcome)
			.containsExactly(ReportOutcome.APPLIED);
		assertThat(jobLastRun(this.jobId)).containsExactly(newer, 1L);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void concurrentOverlappingBatchesInOppositeOrderAllCommit(TestDatabase.Kind kind) throws Exception {
		open(kind);
		long otherJob = this.db.insertJob("other", "0 * * * * ?", true, null, "fire_once");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			ids.add(insertRun((i % 2 == 0) ? this.jobId : otherJob, "cron:x:" + i));
		}
		TransactionTemplate transactions = this.db.transactions();
		List<RunReport> forward = ids.stream().map((id) -> report(id, "f", 4000)).toList();
		List<RunReport> backward = new ArrayList<>(ids.stream().map((id) -> report(id, "b", 4000)).toList());
		Collections.reverse(backward);
		// Both sides lock the same rows; only a consistent lock order lets both commit without a deadlock.
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<List<ReportResult>> a = pool.submit(() -> transactions.execute((tx) -> this.runs.applyReports(forward)));
			Future<List<ReportResult>> b = pool.submit(() -> transactions.execute((tx) -> this.runs.applyReports(backward)));
			List<ReportResult> all = new ArrayList<>(a.get(30, TimeUnit.SECONDS));
			all.addAll(b.get(30, TimeUnit.SECONDS));
			assertThat(all).filteredOn((r) -> r.outcome() == ReportOutcome.APPLIED).hasSize(ids.size());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.db.jdbc().sql("SELECT COUNT(*) FROM run_logs WHERE state = 'finished'").query(Long.class).single())
			.isEqualTo(ids.size());
		assertThat(jobLastRun(otherJob).get(0)).isEqualTo(ids.get(ids.size() - 1));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void acceptancesMarkEachRunRunningOnItsWorkerAndLeaveFinishedRunsAlone(TestDatabase.Kind kind) throws Exception {
		open(kind);
		long otherJob = this.db.insertJob("other", "0 * * * * ?", true, null, "fire_once");
		long second = insertRun(this.jobId, "cron:1:2000");
		long other = insertRun(otherJob, "cron:2:2000");
		long finished = insertRun(otherJob, "cron:2:3000");
		this.runs.applyReports(List.of(report(finished, "done", 3000)));
		Acceptances acceptances = new Acceptances(this.db.named(), this.db.transactions());
		try {
			acceptances.accepted(this.runId, this.jobId, "w1", "10.0.0.1", "i-1", 5000);
			acceptances.accepted(second, this.jobId, "w2", "10.0.0.2", "i-2", 6000);
			acceptances.accepted(other, otherJob, "w1", "10.0.0.1", "i-1", 7000);
			acceptances.accepted(finished, otherJob, "w3", "10.0.0.3", "i-3", 8000);
			long deadline = System.currentTimeMillis() + 10_000;
			while (workerInstance(other) == null && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
		}
		finally {
			acceptances.stop();
		}

		assertThat(List.of(workerInstance(this.runId), workerInstance(second), workerInstance(other)))
			.containsExactly("i-1", "i-2", "i-1");
		assertThat(this.db.jdbc().sql("SELECT COUNT(*) FROM run_logs WHERE status = ?")
			.param(RunStatus.RUNNING.code()).query(Long.class).single()).isEqualTo(3);
		// The finished run keeps its report's worker; the job keeps its newest run.
		assertThat(workerInstance(finished)).isNull();
		assertThat(this.db.jdbc().sql("SELECT worker_name FROM run_logs WHERE id = ?").param(finished)
			.query(String.class).single()).isEqualTo("w1");
		assertThat(jobLastRun(this.jobId)).containsExactly(second, 6000L);
		assertThat(jobLastRun(otherJob)).containsExactly(finished, 3000L);
	}

	private String workerInstance(long runId) {
		return (String) this.db.jdbc().sql("SELECT worker_instance FROM run_logs WHERE id = ?").param(runId)
			.query().singleRow().get("worker_instance");
	}

	private long insertRun(long jobId, String slotKey) {
		this.db.jdbc()
			.sql("INSERT INTO run_logs (job_id, job_uuid, job_name, type, state, status, create_time, scheduled_at, "
					+ "dispatched_at, epoch, trigger_kind, slot_key) VALUES (?, 'u', 'reported', 'http', 'dispatched', 1, "
					+ "0, 1000, 1001, 1, 'cron', ?)")
			.params(jobId, slotKey)
			.update();
		return this.db.jdbc().sql("SELECT id FROM run_logs WHERE slot_key = ?").param(slotKey).query(Long.class).single();
	}

	private String output(long runId) {
		return this.db.jdbc().sql("SELECT output FROM run_logs WHERE id = ?").param(runId).query(String.class).single();
	}

	private List<Long> jobLastRun(long jobId) {
		Map<String, Object> job = this.db.jdbc()
			.sql("SELECT last_run_id, start_time FROM jobs WHERE id = ?")
			.param(jobId)
			.query()
			.singleRow();
		return List.of(((Number) job.get("last_run_id")).longValue(), ((Number) job.get("start_time")).longValue());
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRunWithAnUnknownOutcomeIsRetriedOnlyWhenItsJobIsIdempotent(TestDatabase.Kind kind) {
		open(kind);
		this.db.jdbc().sql("UPDATE jobs SET retries = 2 WHERE id = ?").param(this.jobId).update();
		RunRetries retries = new RunRetries(this.db.jdbc(), java.time.Clock.systemUTC());
		// The worker died while the run ran: its call may have reached the target.
		this.runs.applyReport(report(RunStatus.UNKNOWN, RunOutcome.FAILED, ""));

		assertThat(retries.scheduleRetry(this.runId, 2250)).isFalse();
		assertThat(retryRows()).isZero();

		this.db.jdbc().sql("UPDATE jobs SET idempotent = TRUE WHERE id = ?").param(this.jobId).update();
		assertThat(retries.scheduleRetry(this.runId, 2250)).isTrue();
		assertThat(retryRows()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aFailedRunIsRetriedWhetherOrNotItsJobIsIdempotent(TestDatabase.Kind kind) {
		open(kind);
		this.db.jdbc().sql("UPDATE jobs SET retries = 1 WHERE id = ?").param(this.jobId).update();
		this.runs.applyReport(report(RunStatus.ERROR, RunOutcome.FAILED, "exit 1"));

		assertThat(new RunRetries(this.db.jdbc(), java.time.Clock.systemUTC()).scheduleRetry(this.runId, 2250)).isTrue();
		assertThat(retryRows()).isEqualTo(1);
	}

	private long retryRows() {
		return this.db.jdbc().sql("SELECT COUNT(*) FROM run_logs WHERE trigger_kind = 'retry'").query(Long.class).single();
	}

	private static RunReport report(long runId, String output, long startedAtMs) {
		return new RunReport("cluster-a", runId, 1, "w1", "10.0.0.7", RunStatus.DONE, RunOutcome.OK, 0, output, false,
				null, startedAtMs, startedAtMs + 100);
	}

	private RunReport report(RunStatus status, RunOutcome outcome, String output) {
		return new RunReport("cluster-a", this.runId, 1, "w1", "10.0.0.7", status, outcome, 0, output, false, null,
				2000, 2250);
	}

}
