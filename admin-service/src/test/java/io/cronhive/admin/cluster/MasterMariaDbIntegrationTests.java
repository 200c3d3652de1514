package io.cronhive.admin.cluster;

import io.cronhive.admin.support.ApiIntegrationTest;
import io.cronhive.admin.support.MariaDbDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster view on MariaDB, from rows shaped like the ones master-service writes. */
@ApiIntegrationTest
class MasterMariaDbIntegrationTests {

	static final MariaDbDatabase database = MariaDbDatabase.create("masters");

	@DynamicPropertySource
	static void datasource(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void threeMasters() {
		this.jdbc.sql("DELETE FROM masters").update();
		this.jdbc.sql("UPDATE scheduler_partitions SET holder = NULL, assigned_to = NULL").update();
		// m-b claims to lead in its status column, but the lease says m-a leads: the lease wins.
		insert("m-a", 2, 0, 7);
		insert("m-b", 1, 0, 6);
		insert("m-c", 2, 60, 5);
	}

	@Test
	void holderOfUnexpiredLeaseIsLeaderWithLeaseEpochAndStaleMasterIsOffline() {
		lease("m-a", 8, 5);
		assertThat(this.mvc.get().uri("/v1/masters"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.total", (t) -> assertThat(t).asNumber().isEqualTo(3))
			.hasPathSatisfying("$.items[*].instanceId", (i) -> assertThat(i).asArray().containsExactly("m-a", "m-b", "m-c"))
			.hasPathSatisfying("$.items[*].status", (s) -> assertThat(s).asArray().containsExactly(1, 2, 2))
			.hasPathSatisfying("$.items[*].statusName", (s) -> assertThat(s).asArray().containsExactly("leader", "follower", "follower"))
			.hasPathSatisfying("$.items[0].epoch", (e) -> assertThat(e).asNumber().isEqualTo(8))
			.hasPathSatisfying("$.items[*].online", (o) -> assertThat(o).asArray().containsExactly(true, true, false));
	}

	@Test
	void expiredLeaseMeansNoLeader() {
		lease("m-a", 8, -1);
		assertThat(this.mvc.get().uri("/v1/masters"))
			.bodyJson()
			.hasPathSatisfying("$.items[*].status", (s) -> assertThat(s).asArray().containsOnly(2));
	}

	@Test
	void answerCarriesSharesBesideTheListEnvelopeAndCountsUnheldPartitions() {
		lease("m-a", 8, 5);
		// m-a holds 96 partitions, m-b 24, m-c none; 120..127 are held by nobody.
		this.jdbc.sql("""
				UPDATE scheduler_partitions SET holder = CASE WHEN partition_no < 96 THEN 'm-a' ELSE 'm-b' END,
				  expires_at = TIMESTAMPADD(SECOND, 5, CURRENT_TIMESTAMP(3))
				WHERE partition_no < 120""").update();
		assertThat(this.mvc.get().uri("/v1/masters"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.page", (p) -> assertThat(p).asNumber().isEqualTo(0))
			.hasPathSatisfying("$.size", (s) -> assertThat(s).asNumber().isEqualTo(3))
			.hasPathSatisfying("$.items[*].partitions", (p) -> assertThat(p).asArray().containsExactly(96, 24, 0))
			.hasPathSatisfying("$.items[*].share", (s) -> assertThat(s).asArray().containsExactly(0.75, 0.1875, 0.0))
			.hasPathSatisfying("$.partitionCount", (c) -> assertThat(c).asNumber().isEqualTo(128))
			.hasPathSatisfying("$.unheldPartitions", (u) -> assertThat(u).asNumber().isEqualTo(8));
	}

	private void insert(String instance, int status, int heartbeatAgeSeconds, long epoch) {
		this.jdbc.sql("""
				INSERT INTO masters (instance_id, ip, port, status, started_at, last_heartbeat, epoch)
				VALUES (?, '10.0.0.1', 8082, ?, 1000, TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3)), ?)""")
			.params(instance, status, -heartbeatAgeSeconds, epoch)
			.update();
	}

	private void lease(String holder, long epoch, int expiresInSeconds) {
		this.jdbc.sql("UPDATE leader_lease SET holder = ?, epoch = ?, expires_at = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3)) WHERE id = 1")
			.params(holder, epoch, expiresInSeconds)
			.update();
	}

}
