package io.cronhive.admin.cluster;

import java.time.Clock;
import java.util.List;

import io.cronhive.admin.config.AdminProperties;
import io.cronhive.common.dispatch.Partitions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the cluster from the tables master-service writes. Who leads, and who holds a partition, is decided by
 * the lease rows and the database clock, exactly as the masters decide it, not by the status column a crashed
 * leader leaves behind.
 */
@Component
class MasterQueries {

	private static final String MASTERS = """
			SELECT m.id, m.instance_id, m.ip, m.port, m.started_at, m.epoch,
			  TIMESTAMPDIFF(MICROSECOND, m.last_heartbeat, CURRENT_TIMESTAMP(3)) AS age_micros,
			  CASE WHEN l.holder = m.instance_id AND l.expires_at > CURRENT_TIMESTAMP(3) THEN 1 ELSE 0 END AS leads,
			  l.epoch AS lease_epoch
			FROM masters m LEFT JOIN leader_lease l ON l.id = 1
			ORDER BY m.id
			""";

	// Scheduled jobs are counted per partition first (one pass over job_schedules), then joined to the 128
	// partition rows and grouped by live holder and assignee: a few rows, whatever the number of jobs.
	private static final String SHARES = """
			SELECT holder, assigned_to, COUNT(*) AS partitions, COALESCE(SUM(jobs), 0) AS jobs
			FROM (
			  SELECT CASE WHEN p.expires_at > CURRENT_TIMESTAMP(3) THEN p.holder END AS holder, p.assigned_to,
			    COALESCE(j.jobs, 0) AS jobs
			  FROM scheduler_partitions p
			  LEFT JOIN (
			    SELECT partition_no, COUNT(*) AS jobs
			    FROM (SELECT MOD(job_id, %d) AS partition_no FROM job_schedules WHERE scheduled = TRUE) s
			    GROUP BY partition_no
			  ) j ON j.partition_no = p.partition_no
			) t
			GROUP BY holder, assigned_to
			""".formatted(Partitions.COUNT);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AdminProperties properties;

	MasterQueries(JdbcClient jdbc, Clock clock, AdminProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** Both reads in one transaction, so on MySQL the shares and the masters come from one snapshot. */
	@Transactional(readOnly = true)
	ClusterView cluster() {
		PartitionShares shares = shares();
		return ClusterView.of(masters(shares), shares);
	}

	private PartitionShares shares() {
		return PartitionShares.of(this.jdbc.sql(SHARES)
			.query((rs, row) -> new PartitionShares.Group(rs.getString("holder"), rs.getString("assigned_to"),
					rs.getInt("partitions"), rs.getLong("jobs")))
			.list());
	}

	private List<MasterView> masters(PartitionShares shares) {
		long now = this.clock.millis();
		long offlineAfter = this.properties.masterOfflineAfter().toMillis();
		return this.jdbc.sql(MASTERS).query((rs, row) -> {
			long ageMs = Math.max(0, rs.getLong("age_micros") / 1000);
			boolean leads = rs.getInt("leads") == 1;
			int status = leads ? MasterView.LEADER : MasterView.FOLLOWER;
			String instanceId = rs.getString("instance_id");
			PartitionShares.Share share = shares.of(instanceId);
			return new MasterView(rs.getLong("id"), instanceId, rs.getString("ip"), rs.getInt("port"), status,
					leads ? "leader" : "follower", rs.getLong("started_at"), now - ageMs, ageMs,
					leads ? rs.getLong("lease_epoch") : rs.getLong("epoch"), ageMs <= offlineAfter,
					share.partitions(), share.assignedPartitions(), share.scheduledJobs(),
					shares.fractionOf(share.partitions()));
		}).list();
	}

}
