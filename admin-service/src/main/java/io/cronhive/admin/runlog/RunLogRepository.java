package io.cronhive.admin.runlog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RunLogRepository extends JpaRepository<RunLog, Long>, JpaSpecificationExecutor<RunLog> {

	/** The runs a run caused (dependents, retries, broadcast copies): the run tree's next level. */
	List<RunLog> findByParentRunIdOrderByIdAsc(Long parentRunId);

	/**
	 * Records a kill request unless the run already finished; the first request's time is kept. One statement,
	 * so it cannot overwrite what the master writes to the same row.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update RunLog r set r.killRequestedAt = coalesce(r.killRequestedAt, :now) where r.id = :id and r.state <> 'finished'")
	int requestKill(@Param("id") long id, @Param("now") long now);

	/**
	 * Cancels a manual run the leader has not claimed yet. The leader claims requested runs with a
	 * compare-and-set on the state, so exactly one of the two wins and a cancelled run never starts.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update RunLog r set r.state = 'finished', r.status = 4, r.result = 2, r.endedAt = :now,
			r.killRequestedAt = :now, r.message = :message where r.id = :id and r.state = 'requested'
			""")
	int cancelRequested(@Param("id") long id, @Param("now") long now, @Param("message") String message);

}
