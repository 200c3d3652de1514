package io.cronhive.admin.alert;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Incidents and failure streaks, through plain SQL in the evaluator's transaction. {@code open_key} is unique
 * and set only while an incident is open, so the database itself refuses a second open incident for one rule
 * and subject, whatever a bug or a second evaluator might try.
 */
@Component
class IncidentStore {

	private final JdbcClient jdbc;

	IncidentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String openKey(long ruleId, String subjectKey) {
		return ruleId + "/" + subjectKey;
	}

	/** Every open incident by its open key; few, since each stands for an ongoing problem. */
	Map<String, Open> open() {
		Map<String, Open> open = new HashMap<>();
		this.jdbc.sql("SELECT id, open_key, opened_at, occurrences, last_run_id FROM alert_incidents WHERE open_key IS NOT NULL")
			.query((rs, n) -> open.put(rs.getString(2), new Open(rs.getLong(1), rs.getLong(3), rs.getInt(4),
					(rs.getObject(5) != null) ? rs.getLong(5) : null)))
			.list();
		return open;
	}

	Open open(AlertRule rule, String subjectKey, String subjectName, String summary, Long runId, long now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO alert_incidents (rule_id, rule_name, kind, subject_key, subject_name, open_key, opened_at,
				  summary, occurrences, last_run_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
			.params(rule.getId(), rule.getName(), rule.getKind().wireName(), subjectKey, cut(subjectName, 255),
					openKey(rule.getId(), subjectKey), now, cut(summary, 1024), runId)
			.update(key, "id");
		return new Open(key.getKey().longValue(), now, 1, runId);
	}

	/** Counts a repeat into the open incident: no alert, the incident just grows. */
	void fold(long incidentId, Long runId) {
		this.jdbc.sql("UPDATE alert_incidents SET occurrences = occurrences + 1, last_run_id = ? WHERE id = ?")
			.params(runId, incidentId)
			.update();
	}

	/** @return whether this call resolved it (false when it was no longer open) */
	boolean resolve(long incidentId, String resolution, Long runId, long now) {
		return this.jdbc.sql("""
				UPDATE alert_incidents SET open_key = NULL, resolved_at = ?, resolution = ?,
				  last_run_id = COALESCE(?, last_run_id)
				WHERE id = ? AND open_key IS NOT NULL""")
			.params(now, cut(resolution, 1024), runId, incidentId)
			.update() == 1;
	}

	/** Ends a rule's open incidents without an all-clear, and forgets its streaks. */
	int endQuietly(long ruleId, String why, long now) {
		this.jdbc.sql("DELETE FROM alert_streaks WHERE rule_id = ?").param(ruleId).update();
		return this.jdbc
			.sql("UPDATE alert_incidents SET open_key = NULL, resolved_at = ?, resolution = ? WHERE rule_id = ? AND open_key IS NOT NULL")
			.params(now, "ended without an all-clear: " + why, ruleId)
			.update();
	}

	/**
	 * Ends open incidents whose rule, job or worker group is gone (a job's rules go with it by cascade, so no
	 * service call could end them), and forgets such rules' streaks: nothing would ever clear them.
	 * @return how many incidents ended
	 */
	int endOrphans(long now) {
		this.jdbc.sql("DELETE FROM alert_streaks WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.id = alert_streaks.rule_id)")
			.update();
		return endWhereGone("alert_rules", "%", "t.id = alert_incidents.rule_id", "the rule was deleted", now)
				+ endWhereGone("jobs", "job:%", "t.id = SUBSTRING(alert_incidents.subject_key, 5)", "the job was deleted", now)
				+ endWhereGone("worker_groups", "group:%", "t.id = SUBSTRING(alert_incidents.subject_key, 7)",
						"the worker group was deleted", now);
	}

	private int endWhereGone(String table, String subjectPattern, String match, String why, long now) {
		return this.jdbc.sql("UPDATE alert_incidents SET open_key = NULL, resolved_at = ?, resolution = ? "
				+ "WHERE open_key IS NOT NULL AND subject_key LIKE ? AND NOT EXISTS (SELECT 1 FROM " + table + " t WHERE "
				+ match + ")")
			.params(now, "ended without an all-clear: " + why, subjectPattern)
			.update();
	}

	int streak(long ruleId, String subjectKey) {
		return this.jdbc.sql("SELECT failures FROM alert_streaks WHERE rule_id = ? AND subject_key = ?")
			.params(ruleId, subjectKey)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void saveStreak(long ruleId, String subjectKey, int failures) {
		if (failures == 0) {
			this.jdbc.sql("DELETE FROM alert_streaks WHERE rule_id = ? AND subject_key = ?").params(ruleId, subjectKey).update();
			return;
		}
		// Only the evaluator, holding its lock row, writes streaks: update-then-insert cannot race.
		if (this.jdbc.sql("UPDATE alert_streaks SET failures = ? WHERE rule_id = ? AND subject_key = ?")
			.params(failures, ruleId, subjectKey)
			.update() == 0) {
			this.jdbc.sql("INSERT INTO alert_streaks (rule_id, subject_key, failures) VALUES (?, ?, ?)")
				.params(ruleId, subjectKey, failures)
				.update();
		}
	}

	static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	/** An open incident. */
	record Open(long id, long openedAt, int occurrences, Long lastRunId) {
	}

}
