package io.cronhive.admin.dependency;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code job_dependencies} and the join timeout, through plain SQL: the edges are a table of pairs with no
 * behaviour of their own, and the master reads the same rows.
 */
@Component
class DependencyStore {

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	DependencyStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	/**
	 * Every edge, read for a change of the graph: first the graph's lock row (held to the end of the caller's
	 * transaction, so changes of the graph take turns), then the edges as last committed (a locking read, so
	 * a snapshot the transaction took earlier cannot hide the edge another change just added).
	 */
	List<Edge> allForChange() {
		this.jdbc.sql("SELECT id FROM dependency_graph_lock WHERE id = 1 FOR UPDATE").query(Integer.class).optional();
		return this.jdbc.sql("SELECT parent_job_id, child_job_id, kind, run_on FROM job_dependencies FOR UPDATE")
			.query((rs, i) -> new Edge(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/** Every edge that names the job, on either end. */
	List<Edge> touching(long jobId) {
		return this.jdbc
			.sql("SELECT parent_job_id, child_job_id, kind, run_on FROM job_dependencies "
					+ "WHERE parent_job_id = ? OR child_job_id = ? ORDER BY parent_job_id, child_job_id")
			.params(jobId, jobId)
			.query((rs, i) -> new Edge(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/** Names of the jobs among {@code ids} that exist. */
	Map<Long, String> names(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.named.query("SELECT id, name FROM jobs WHERE id IN (:ids)", Map.of("ids", ids),
				(rs) -> {
					names.put(rs.getLong(1), rs.getString(2));
				});
		return names;
	}

	/** The job's join timeout (null inside when it has none), or empty when there is no such job. */
	Optional<JoinTimeout> joinTimeout(long jobId) {
		return this.jdbc.sql("SELECT join_timeout_ms FROM jobs WHERE id = ?")
			.param(jobId)
			.query((rs, i) -> new JoinTimeout(rs.getObject(1, Long.class)))
			.optional();
	}

	/** A job's join timeout in ms, or null. */
	record JoinTimeout(Long ms) {
	}

	/**
	 * Replaces the edges the job owns, its trigger edges to children and its join edges from parents, and its
	 * join timeout. Serialised per job by the job row the caller has just written under its version.
	 */
	void replaceOwned(long jobId, List<ChildJob> children, List<Long> joinParents, Long joinTimeoutMs) {
		this.jdbc.sql("DELETE FROM job_dependencies WHERE (parent_job_id = ? AND kind = 'trigger') "
				+ "OR (child_job_id = ? AND kind = 'join')").params(jobId, jobId).update();
		for (ChildJob child : children) {
			this.jdbc.sql("INSERT INTO job_dependencies (parent_job_id, child_job_id, kind, run_on) VALUES (?, ?, ?, ?)")
				.params(jobId, child.jobId(), Edge.TRIGGER, child.on())
				.update();
		}
		for (Long parent : joinParents) {
			this.jdbc.sql("INSERT INTO job_dependencies (parent_job_id, child_job_id, kind, run_on) VALUES (?, ?, ?, ?)")
				.params(parent, jobId, Edge.JOIN, "success")
				.update();
		}
		this.jdbc.sql("UPDATE jobs SET join_timeout_ms = ? WHERE id = ?")
			.params(joinParents.isEmpty() ? null : joinTimeoutMs, jobId)
			.update();
	}

}
