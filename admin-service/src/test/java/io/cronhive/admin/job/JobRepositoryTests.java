package io.cronhive.admin.job;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The job mappings against the Flyway schema on H2 in MySQL mode (validated by ddl-auto=validate). */
@DataJpaTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:job-repository;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.jpa.hibernate.ddl-auto=validate" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JobRepositoryTests {

	@Autowired
	JobRepository jobs;

	@Autowired
	JobScheduleRepository schedules;

	@Autowired
	EntityManager entityManager;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void concurrentEditOfTheSameVersionFailsInsteadOfOverwriting() {
		Job saved = this.jobs.saveAndFlush(new Job(definition("lock-" + System.nanoTime(), "* * * * *"), "alice", 1));
		Job first = this.jobs.findById(saved.getId()).orElseThrow();
		Job second = this.jobs.findById(saved.getId()).orElseThrow();
		first.apply(definition(first.getName(), "*/2 * * * *"), 2);
		this.jobs.saveAndFlush(first);
		second.apply(definition(second.getName(), "*/3 * * * *"), 3);
		assertThatExceptionOfType(ObjectOptimisticLockingFailureException.class)
			.isThrownBy(() -> this.jobs.saveAndFlush(second));
		assertThat(this.jobs.findById(saved.getId()).orElseThrow().getCron()).isEqualTo("*/2 * * * *");
	}

	@Test
	void scheduledFilterFindsOnlyJobsWhoseScheduleIsOn() {
		String prefix = "filter-" + System.nanoTime();
		Job on = this.jobs.saveAndFlush(new Job(definition(prefix + "-on", "* * * * *"), "alice", 1));
		Job off = this.jobs.saveAndFlush(new Job(definition(prefix + "-off", "* * * * *"), "alice", 1));
		this.schedules.saveAndFlush(new JobSchedule(on.getId(), 1));
		this.schedules.saveAndFlush(new JobSchedule(off.getId(), 1));
		new TransactionTemplate(this.transactionManager).executeWithoutResult((tx) -> this.entityManager
			.createNativeQuery("UPDATE job_schedules SET scheduled = TRUE WHERE job_id = " + on.getId())
			.executeUpdate());
		assertThat(this.jobs.findAll(new JobFilter(prefix, null, null, null, null, true).toSpecification(), PageRequest.of(0, 10)))
			.extracting(Job::getName)
			.containsExactly(prefix + "-on");
		assertThat(this.jobs.findAll(new JobFilter(prefix.toUpperCase(), null, null, "shell", 3, false).toSpecification(),
				PageRequest.of(0, 10)))
			.extracting(Job::getName)
			.containsExactly(prefix + "-off");
	}

	@Test
	void resetNextFireClearsThePlanAndBumpsRevision() {
		Job job = this.jobs.saveAndFlush(new Job(definition("reset-" + System.nanoTime(), "* * * * *"), "alice", 1));
		this.schedules.saveAndFlush(new JobSchedule(job.getId(), 1));
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		tx.executeWithoutResult((status) -> this.entityManager
			.createNativeQuery("UPDATE job_schedules SET next_fire_at = 99 WHERE job_id = " + job.getId())
			.executeUpdate());
		tx.executeWithoutResult((status) -> this.schedules.resetNextFire(job.getId(), 5));
		JobSchedule schedule = this.schedules.findById(job.getId()).orElseThrow();
		assertThat(schedule.getNextFireAt()).isNull();
		assertThat(schedule.getRevision()).isEqualTo(1);
	}

	static JobDefinition definition(String name, String cron) {
		return new JobDefinition(name, null, null, cron, "UTC", "shell", "echo hi", null, 0, 0, 10_000, false, "round_robin",
				"fire_once", "allow", null);
	}

}
