package io.cronhive.admin.alert;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Worker group health as admin-service knows it: the worker table, which {@code WorkerRegistrySync} keeps in
 * step with Eureka every few seconds ({@code online}). A group is healthy while at least one member, chosen by
 * id or by tag, is online; an empty group has nowhere to run a job, so it is unhealthy too.
 */
@Component
class GroupHealthRows {

	private final JdbcClient jdbc;

	GroupHealthRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<GroupHealthRow> all() {
		return this.jdbc.sql("""
				SELECT g.id, g.name,
				  (SELECT COUNT(*) FROM workers w WHERE w.online = TRUE AND (
				     w.id IN (SELECT m.worker_id FROM worker_group_members m WHERE m.group_id = g.id)
				     OR w.tag IN (SELECT t.tag FROM worker_group_tags t WHERE t.group_id = g.id))) AS online,
				  (SELECT COUNT(*) FROM workers w WHERE
				     w.id IN (SELECT m.worker_id FROM worker_group_members m WHERE m.group_id = g.id)
				     OR w.tag IN (SELECT t.tag FROM worker_group_tags t WHERE t.group_id = g.id)) AS members
				FROM worker_groups g ORDER BY g.id""")
			.query((rs, n) -> new GroupHealthRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)))
			.list();
	}

	/** One group: members online of members in all. */
	record GroupHealthRow(long id, String name, int online, int members) {

		boolean healthy() {
			return this.online > 0;
		}

		String detail() {
			return " (" + this.online + " of " + this.members + " member(s) online)";
		}

	}

}
