package io.cronhive.admin.worker;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What worker groups need to know about workers: which exist, and who matches ids or tags. */
@Component
public class WorkerLookup {

	private final JdbcClient jdbc;

	WorkerLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ids among {@code ids} that name no worker. */
	public Set<Long> unknown(Collection<Long> ids) {
		Set<Long> unknown = new HashSet<>(ids);
		if (!ids.isEmpty()) {
			unknown.removeAll(this.jdbc.sql("SELECT id FROM workers WHERE id IN (:ids)").param("ids", ids).query(Long.class).list());
		}
		return unknown;
	}

	/** Workers with one of the ids or one of the tags, by name. */
	public List<WorkerSummary> matching(Collection<Long> ids, Collection<String> tags) {
		if (ids.isEmpty() && tags.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT id, name, tag, online FROM workers WHERE id IN (:ids) OR tag IN (:tags) ORDER BY name, id")
			.param("ids", ids.isEmpty() ? List.of(-1L) : ids)
			.param("tags", tags.isEmpty() ? List.of("") : tags)
			.query((rs, row) -> new WorkerSummary(rs.getLong("id"), rs.getString("name"), rs.getString("tag"),
					rs.getBoolean("online")))
			.list();
	}

}
