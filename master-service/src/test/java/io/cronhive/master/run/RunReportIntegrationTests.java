package io.cronhive.master.run;

import java.util.Map;

import io.cronhive.common.dispatch.RunReport;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.common.job.RunStatus;
import io.cronhive.master.TestDatabase;
import io.cronhive.master.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
		RunReport unknown = new RunReport(this.runId + 1000, 1, "w1", "10.0.0.7", RunStatus.DONE, RunOutcome.OK, 0, "",
				false, null, 1, 2);
		assertThat(this.runs.applyReport(unknown)).isEqualTo(ReportOutcome.UNKNOWN_RUN);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void undeliverableRunIsFinishedAsErrorWithItsReason(TestDatabase.Kind kind) {
		open(kind);
		assertThat(this.runs.finishWithError(this.runId, this.jobId, "no online worker has tag 'gpu'", 5000)).isTrue();
		assertThat(this.runs.finishWithError(this.runId, this.jobId, "again", 6000)).isFalse();
		Map<String, Object> run = this.db.jdbc()
			.sql("SELECT state, status, result, message FROM run_logs WHERE id = ?")
			.param(this.runId)
			.query()
			.singleRow();
		assertThat(run).containsEntry("state", "finished").containsEntry("message", "no online worker has tag 'gpu'");
		assertThat(((Number) run.get("status")).intValue()).isEqualTo(4);
		assertThat(((Number) run.get("result")).intValue()).isEqualTo(2);
	}

	private RunReport report(RunStatus status, RunOutcome outcome, String output) {
		return new RunReport(this.runId, 1, "w1", "10.0.0.7", status, outcome, 0, output, false, null, 2000, 2250);
	}

}
