package io.cronhive.admin.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads {@code run_logs} for the evaluator, by id. Ids are handed out when masters claim slots, long before a
 * run finishes, so the cursor is "every id up to here has been seen": a row seen unfinished is parked in
 * {@code alert_pending_runs} (bounded by the runs in flight) and looked at again until it finishes. Reading by
 * {@code ended_at} would not do: it comes from the worker's clock, and a result a worker spooled for hours
 * arrives with an old one.
 */
@Component
class RunRows {

	private static final String COLUMNS = "r.id, r.job_id, r.job_name, r.trigger_kind, r.state, r.result, "
			+ "r.scheduled_at, r.dispatched_at, r.started_at, r.ended_at, r.times, r.message, r.exit_code, r.create_time";

	private final JdbcClient jdbc;

	RunRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long newestId() {
		return this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM run_logs").query(Long.class).single();
	}

	/** Rows after the cursor, in id order. */
	List<Row> after(long cursor, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM run_logs r WHERE r.id > ? ORDER BY r.id LIMIT ?")
			.params(cursor, limit)
			.query(RunRows::row)
			.list();
	}

	/** Parked rows that have finished since. */
	List<Row> pendingFinished(int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert_pending_runs p JOIN run_logs r ON r.id = p.run_id "
				+ "WHERE r.state = 'finished' ORDER BY r.id LIMIT ?")
			.param(limit)
			.query(RunRows::row)
			.list();
	}

	/** Parked rows still in flight since before {@code since} (dispatch or start), for long_run. */
	List<Row> pendingRunningSince(long since, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert_pending_runs p JOIN run_logs r ON r.id = p.run_id "
				+ "WHERE r.state <> 'finished' AND COALESCE(r.started_at, r.dispatched_at) < ? ORDER BY r.id LIMIT ?")
			.params(since, limit)
			.query(RunRows::row)
			.list();
	}

	void park(long runId) {
		this.jdbc.sql("INSERT INTO alert_pending_runs (run_id) VALUES (?)").param(runId).update();
	}

	void unpark(long runId) {
		this.jdbc.sql("DELETE FROM alert_pending_runs WHERE run_id = ?").param(runId).update();
	}

	/** Forgets parked runs whose row is gone (a claim withdrawn for the misfire policy, a deleted job). */
	int forgetVanished() {
		return this.jdbc.sql("DELETE FROM alert_pending_runs WHERE NOT EXISTS "
				+ "(SELECT 1 FROM run_logs r WHERE r.id = alert_pending_runs.run_id)").update();
	}

	void forgetAllPending() {
		this.jdbc.sql("DELETE FROM alert_pending_runs").update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		RunFact fact = new RunFact(rs.getLong("id"), rs.getLong("job_id"), rs.getString("job_name"),
				rs.getString("trigger_kind"), "finished".equals(rs.getString("state")), integer(rs, "result"),
				rs.getLong("scheduled_at"), longOrNull(rs, "dispatched_at"), longOrNull(rs, "started_at"),
				longOrNull(rs, "ended_at"), longOrNull(rs, "times"), rs.getString("message"), integer(rs, "exit_code"));
		return new Row(fact, rs.getLong("create_time"));
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	/** A run and when its row was made (master clock), for the settle time. */
	record Row(RunFact fact, long createTime) {
	}

}
