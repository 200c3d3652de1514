package io.cronhive.master.trigger;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cronhive.master.run.JobSpecs;
import io.cronhive.master.share.Share;
import io.cronhive.master.share.ShareFence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the schedules the planner works from: jobs due within the look-ahead, and every job's revision. */
@Component
class ScheduleStore {

	private final JdbcClient jdbc;

	ScheduleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String SELECT = "SELECT " + JobSpecs.COLUMNS
			+ ", s.not_before, s.next_fire_at, s.revision FROM job_schedules s "
			+ "JOIN jobs j ON j.id = s.job_id LEFT JOIN worker_groups g ON g.id = j.group_id WHERE s.scheduled = TRUE ";

	/** Scheduled jobs of the share whose next slot is unknown or due by {@code horizon}. */
	List<ScheduledJob> loadDue(long horizon, Share share) {
		return this.jdbc.sql(SELECT + "AND (s.next_fire_at IS NULL OR s.next_fire_at <= :horizon)" + inShare("s.job_id", share))
			.param("horizon", horizon)
			.params(shareParams(share))
			.query((rs, i) -> new ScheduledJob(JobSpecs.map(rs), nullableLong(rs, "not_before"),
					nullableLong(rs, "next_fire_at"), rs.getLong("revision")))
			.list();
	}

	/** The given jobs, if still scheduled, whenever their next slot is due. */
	List<ScheduledJob> loadScheduled(Collection<Long> jobIds) {
		if (jobIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + "AND s.job_id IN (:ids)")
			.param("ids", jobIds)
			.query((rs, i) -> new ScheduledJob(JobSpecs.map(rs), nullableLong(rs, "not_before"),
					nullableLong(rs, "next_fire_at"), rs.getLong("revision")))
			.list();
	}

	/** Revision of every scheduled job of the share, to notice stops and changes; stopped jobs are absent. */
	Map<Long, Long> scheduledRevisions(Share share) {
		Map<Long, Long> revisions = new HashMap<>();
		this.jdbc.sql("SELECT job_id, revision FROM job_schedules WHERE scheduled = TRUE" + inShare("job_id", share))
			.params(shareParams(share))
			.query((rs) -> {
				revisions.put(rs.getLong(1), rs.getLong(2));
			});
		return revisions;
	}

	/** The condition that keeps a query to the share's jobs; none when it holds every partition. */
	static String inShare(String jobIdColumn, Share share) {
		return share.holdsAll() ? "" : " AND " + ShareFence.partitionOf(jobIdColumn) + " IN (:partitions)";
	}

	static Map<String, Object> shareParams(Share share) {
		return share.holdsAll() ? Map.of() : Map.of("partitions", share.partitions());
	}

	static String slotKey(long jobId, long fireAtMs) {
		return "cron:" + jobId + ":" + fireAtMs;
	}

	private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
