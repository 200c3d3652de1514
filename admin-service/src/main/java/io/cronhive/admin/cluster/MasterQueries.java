package io.cronhive.admin.cluster;

import java.time.Clock;
import java.util.List;

import io.cronhive.admin.config.AdminProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the cluster from the tables master-service writes. Who leads is decided by the lease row and the
 * database clock, exactly as the masters decide it, not by the status column a crashed leader leaves behind.
 */
@Component
class MasterQueries {

	private static final String SELECT = """
			SELECT m.id, m.instance_id, m.ip, m.port, m.started_at, m.epoch,
			  TIMESTAMPDIFF(MICROSECOND, m.last_heartbeat, CURRENT_TIMESTAMP(3)) AS age_micros,
			  CASE WHEN l.holder = m.instance_id AND l.expires_at > CURRENT_TIMESTAMP(3) THEN 1 ELSE 0 END AS leads,
			  l.epoch AS lease_epoch
			FROM masters m LEFT JOIN leader_lease l ON l.id = 1
			ORDER BY m.id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AdminProperties properties;

	MasterQueries(JdbcClient jdbc, Clock clock, AdminProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	List<MasterView> all() {
		long now = this.clock.millis();
		long offlineAfter = this.properties.masterOfflineAfter().toMillis();
		return this.jdbc.sql(SELECT).query((rs, row) -> {
			long ageMs = Math.max(0, rs.getLong("age_micros") / 1000);
			boolean leads = rs.getInt("leads") == 1;
			int status = leads ? MasterView.LEADER : MasterView.FOLLOWER;
			return new MasterView(rs.getLong("id"), rs.getString("instance_id"), rs.getString("ip"), rs.getInt("port"),
					status, leads ? "leader" : "follower", rs.getLong("started_at"), now - ageMs, ageMs,
					leads ? rs.getLong("lease_epoch") : rs.getLong("epoch"), ageMs <= offlineAfter);
		}).list();
	}

}
