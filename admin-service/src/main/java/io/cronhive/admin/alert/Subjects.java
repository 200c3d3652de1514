package io.cronhive.admin.alert;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The names of the jobs and worker groups rules watch, read from their tables (the alert package owns neither). */
@Component
class Subjects {

	private final JdbcClient jdbc;

	Subjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String jobName(long id) {
		return this.jdbc.sql("SELECT name FROM jobs WHERE id = ?").param(id).query(String.class).optional().orElse(null);
	}

	String groupName(long id) {
		return this.jdbc.sql("SELECT name FROM worker_groups WHERE id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	Map<Long, String> jobNames(Collection<Long> ids) {
		return names("jobs", ids);
	}

	Map<Long, String> groupNames(Collection<Long> ids) {
		return names("worker_groups", ids);
	}

	private Map<Long, String> names(String table, Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.jdbc.sql("SELECT id, name FROM " + table + " WHERE id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

}
