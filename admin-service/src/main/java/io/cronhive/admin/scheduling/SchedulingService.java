package io.cronhive.admin.scheduling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts and stops scheduling for a batch of jobs in one transaction: all named jobs change or none does, and
 * asking for the state a job is already in changes nothing (no new revision, no replanning). Plain SQL because
 * the statements are the point: they touch only the columns the operator owns and lock the rows they read.
 */
@Service
class SchedulingService {

	private static final Logger log = LoggerFactory.getLogger(SchedulingService.class);

	private static final String SELECT_STATE = """
			SELECT j.id, j.job_id, j.name, s.scheduled, s.not_before, s.next_fire_at, s.revision
			FROM jobs j JOIN job_schedules s ON s.job_id = j.id
			WHERE j.id IN (:ids)
			ORDER BY j.id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	SchedulingService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Schedules the jobs; {@code notBefore} (Unix ms) delays the first fire, null means now. */
	@Transactional
	List<ScheduleState> start(JobRefs refs, Long notBefore) {
		long now = this.clock.millis();
		List<ScheduleState> current = lockAll(refs, now);
		List<Long> toChange = current.stream()
			.filter((s) -> !s.scheduled() || !Objects.equals(s.notBefore(), notBefore))
			.map(ScheduleState::id)
			.toList();
		if (!toChange.isEmpty()) {
			// next_fire_at NULL: the master plans the first slot from max(now, not_before).
			this.jdbc.sql("""
					UPDATE job_schedules SET scheduled = TRUE, not_before = :notBefore, next_fire_at = NULL,
					revision = revision + 1, updated_at = :now WHERE job_id IN (:ids)
					""").param("notBefore", notBefore).param("now", now).param("ids", toChange).update();
			log.info("Started scheduling jobs {} (not before {})", toChange, notBefore);
		}
		return states(current, toChange);
	}

	@Transactional
	List<ScheduleState> stop(JobRefs refs) {
		long now = this.clock.millis();
		List<ScheduleState> current = lockAll(refs, now);
		List<Long> toChange = current.stream().filter(ScheduleState::scheduled).map(ScheduleState::id).toList();
		if (!toChange.isEmpty()) {
			this.jdbc.sql("""
					UPDATE job_schedules SET scheduled = FALSE, not_before = NULL, next_fire_at = NULL,
					revision = revision + 1, updated_at = :now WHERE job_id IN (:ids)
					""").param("now", now).param("ids", toChange).update();
			log.info("Stopped scheduling jobs {}", toChange);
		}
		return states(current, toChange);
	}

	/**
	 * Resolves every reference and locks the schedule rows, or throws listing the unknown references before
	 * anything is written.
	 */
	private List<ScheduleState> lockAll(JobRefs refs, long now) {
		Set<String> foundUuids = new HashSet<>();
		Set<Long> foundIds = new HashSet<>();
		this.jdbc.sql("SELECT id, job_id FROM jobs WHERE id IN (:ids) OR job_id IN (:uuids)")
			.param("ids", refs.ids().isEmpty() ? List.of(-1L) : refs.ids())
			.param("uuids", refs.uuids().isEmpty() ? List.of("") : refs.uuids())
			.query((rs, row) -> {
				foundIds.add(rs.getLong("id"));
				foundUuids.add(rs.getString("job_id"));
				return row;
			})
			.list();
		List<String> unknown = new ArrayList<>();
		refs.ids().stream().filter((id) -> !foundIds.contains(id)).map(String::valueOf).forEach(unknown::add);
		refs.uuids().stream().filter((uuid) -> !foundUuids.contains(uuid)).forEach(unknown::add);
		if (!unknown.isEmpty()) {
			throw new UnknownJobsException(unknown);
		}
		// A job written by something other than this service may lack its schedule row; give it one.
		this.jdbc.sql("""
				INSERT INTO job_schedules (job_id, scheduled, revision, updated_at)
				SELECT j.id, FALSE, 0, :now FROM jobs j
				WHERE j.id IN (:ids) AND NOT EXISTS (SELECT 1 FROM job_schedules s WHERE s.job_id = j.id)
				""").param("now", now).param("ids", foundIds).update();
		return this.jdbc.sql(SELECT_STATE + " FOR UPDATE").param("ids", foundIds).query(this::state).list();
	}

	private List<ScheduleState> states(List<ScheduleState> before, List<Long> changed) {
		if (changed.isEmpty()) {
			return before;
		}
		List<Long> ids = before.stream().map(ScheduleState::id).toList();
		Set<Long> changedIds = Set.copyOf(changed);
		return this.jdbc.sql(SELECT_STATE).param("ids", ids).query(this::state).list().stream()
			.map((s) -> new ScheduleState(s.id(), s.jobId(), s.name(), s.scheduled(), s.notBefore(), s.nextFireAt(),
					s.revision(), changedIds.contains(s.id())))
			.toList();
	}

	private ScheduleState state(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ScheduleState(rs.getLong("id"), rs.getString("job_id"), rs.getString("name"),
				rs.getBoolean("scheduled"), rs.getObject("not_before", Long.class),
				rs.getObject("next_fire_at", Long.class), rs.getLong("revision"), false);
	}

}
