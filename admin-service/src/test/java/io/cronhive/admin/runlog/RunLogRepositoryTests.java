package io.cronhive.admin.runlog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

/** The run log mappings and the kill statements on the Flyway schema in H2's MySQL mode. */
@DataJpaTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:run-logs;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.jpa.hibernate.ddl-auto=validate" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class RunLogRepositoryTests {

	@Autowired
	RunLogRepository runs;

	@Autowired
	RunOutputRepository outputs;

	@Test
	void requestedRunIsCancelledOnceAndThenNeitherCancelledNorKilledAgain() {
		long id = requested(7).getId();
		assertThat(this.runs.cancelRequested(id, 100, "cancelled by bob")).isOne();
		assertThat(this.runs.cancelRequested(id, 200, "again")).isZero();
		assertThat(this.runs.requestKill(id, 200)).isZero();
		RunLog run = this.runs.findById(id).orElseThrow();
		assertThat(run.getState()).isEqualTo("finished");
		assertThat(run.getStatus()).isEqualTo(4);
		assertThat(run.getResult()).isEqualTo(2);
		assertThat(run.getKillRequestedAt()).isEqualTo(100);
	}

	@Test
	void killRequestKeepsTheFirstRequestTime() {
		long id = requested(8).getId();
		assertThat(this.runs.requestKill(id, 100)).isOne();
		assertThat(this.runs.requestKill(id, 300)).isOne();
		assertThat(this.runs.findById(id).orElseThrow().getKillRequestedAt()).isEqualTo(100);
	}

	@Test
	void filterFindsRunsOfAJobInTheTimeRangeWithoutLoadingOutput() {
		requested(9);
		requested(9);
		requested(10);
		assertThat(this.runs.findAll(new RunLogFilter(9L, null, "JOB", 3, null, null, "MANUAL", "requested", 0L, 2_000L)
			.toSpecification(), PageRequest.of(0, 10, Sort.by("id")))).hasSize(2);
		assertThat(this.runs.findAll(new RunLogFilter(9L, null, null, null, null, null, null, null, 2_000L, null)
			.toSpecification(), PageRequest.of(0, 10))).isEmpty();
		assertThat(this.outputs.findById(requested(11).getId()).orElseThrow().getOutput()).isNull();
	}

	private RunLog requested(long jobId) {
		return this.runs.saveAndFlush(RunLog.requested(jobId, "0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11", "job-" + jobId,
				null, "* * * * *", "shell", "alice", 1_000));
	}

}
