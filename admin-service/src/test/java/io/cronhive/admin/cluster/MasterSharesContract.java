package io.cronhive.admin.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.cronhive.admin.config.AdminProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Partition shares on the Flyway schema, from rows shaped like the ones master-service writes; run on H2 in MySQL
 * mode and on MariaDB, because the grouped query has to mean the same on both.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ MasterQueries.class, MasterSharesContract.Settings.class })
abstract class MasterSharesContract {

	@Autowired
	MasterQueries queries;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void threeMastersAndNoPartitionHeld() {
		this.jdbc.sql("DELETE FROM masters").update();
		this.jdbc.sql("UPDATE scheduler_partitions SET holder = NULL, assigned_to = NULL, "
				+ "expires_at = TIMESTAMP '2000-01-01 00:00:00'")
			.update();
		master("m-a");
		master("m-b");
		master("m-c");
	}

	@Test
	void newClusterHoldsNothingAndSaysAllPartitionsAreUnheld() {
		ClusterView cluster = this.queries.cluster();

		assertThat(cluster).extracting("partitionCount", "heldPartitions", "unheldPartitions", "handingOffPartitions")
			.containsExactly(128, 0, 128, 0);
		assertThat(cluster.items()).extracting("partitions", "assignedPartitions", "scheduledJobs", "share")
			.containsOnly(tuple(0, 0, 0L, 0.0));
	}

	@Test
	void sharesCountLiveLeasesOnlyAndAssignmentsApartFromHolding() {
		partitions(0, 59, "m-a", 5, "m-a");
		partitions(60, 99, "m-b", 5, "m-b");
		// Handing off: m-a still holds these under a live lease, the leader wants m-b to.
		partitions(100, 109, "m-a", 5, "m-b");
		// m-c's lease ran out: it still names them, but nobody fires them.
		partitions(110, 119, "m-c", -1, "m-c");
		// 120..127: never held, not assigned yet.

		ClusterView cluster = this.queries.cluster();

		assertThat(cluster.items()).extracting("instanceId", "partitions", "assignedPartitions", "share")
			.containsExactly(tuple("m-a", 70, 60, 70 / 128.0), tuple("m-b", 40, 50, 40 / 128.0),
					tuple("m-c", 0, 10, 0.0));
		assertThat(cluster).extracting("partitionCount", "heldPartitions", "unheldPartitions", "handingOffPartitions")
			.containsExactly(128, 110, 18, 10);
	}

	@Test
	void scheduledJobsAreCountedForTheLiveHolderOfTheirPartitionAndUnheldOnesApart() {
		partitions(0, 59, "m-a", 5, "m-a");
		partitions(60, 99, "m-b", 5, "m-b");
		partitions(100, 109, "m-a", 5, "m-b");
		partitions(110, 119, "m-c", -1, "m-c");
		job(5, true);
		job(133, true); // 133 mod 128 = 5, the same partition as job 5
		job(105, true); // handing off: still m-a's
		job(70, true);
		job(200, false); // 200 mod 128 = 72 (m-b), but scheduling is off
		job(115, true); // expired lease
		job(125, true); // never held

		ClusterView cluster = this.queries.cluster();

		assertThat(cluster.items()).extracting("instanceId", "scheduledJobs")
			.containsExactly(tuple("m-a", 3L), tuple("m-b", 1L), tuple("m-c", 0L));
		assertThat(cluster).extracting("scheduledJobs", "unheldScheduledJobs").containsExactly(6L, 2L);
	}

	private void master(String instance) {
		this.jdbc.sql("""
				INSERT INTO masters (instance_id, ip, port, status, started_at, last_heartbeat, epoch)
				VALUES (?, '10.0.0.1', 8082, 2, 1000, CURRENT_TIMESTAMP(3), 1)""").param(instance).update();
	}

	private void partitions(int from, int to, String holder, int expiresInSeconds, String assignedTo) {
		this.jdbc.sql("""
				UPDATE scheduler_partitions SET holder = ?, epoch = 9, assigned_to = ?,
				  expires_at = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))
				WHERE partition_no BETWEEN ? AND ?""").params(holder, assignedTo, expiresInSeconds, from, to).update();
	}

	private void job(long id, boolean scheduled) {
		this.jdbc.sql("""
				INSERT INTO jobs (id, job_id, name, cron, type, target, create_time, update_time)
				VALUES (?, ?, ?, '0 * * * *', 'shell', 'true', 0, 0)""")
			.params(id, UUID.randomUUID().toString(), "job-" + id)
			.update();
		this.jdbc.sql("INSERT INTO job_schedules (job_id, scheduled, updated_at) VALUES (?, ?, 0)")
			.params(id, scheduled)
			.update();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Settings {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		AdminProperties adminProperties() {
			return new AdminProperties(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10));
		}

	}

}
