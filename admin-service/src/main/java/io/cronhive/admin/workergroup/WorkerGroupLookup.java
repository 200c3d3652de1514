package io.cronhive.admin.workergroup;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other features need to know about worker groups (does one exist, what is it called) without reaching
 * into this package's entities.
 */
@Component
public class WorkerGroupLookup {

	private final JdbcClient jdbc;

	WorkerGroupLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean exists(long id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM worker_groups WHERE id = ?").param(id).query(Long.class).single() > 0;
	}

	/** Names by id for the given ids; unknown ids are absent from the map. */
	public Map<Long, String> namesOf(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.jdbc.sql("SELECT id, name FROM worker_groups WHERE id IN (:ids)")
			.param("ids", ids)
			.query((rs, row) -> names.put(rs.getLong("id"), rs.getString("name")))
			.list();
		return names;
	}

}
