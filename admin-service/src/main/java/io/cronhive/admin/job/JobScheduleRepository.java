package io.cronhive.admin.job;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface JobScheduleRepository extends JpaRepository<JobSchedule, Long> {

	/**
	 * The firing rule changed: forget the planned slot so the master recomputes it from the new rule, and bump
	 * the revision so it notices. One statement, so a concurrent master write cannot be half-overwritten.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update JobSchedule s set s.nextFireAt = null, s.revision = s.revision + 1, s.updatedAt = :now where s.jobId = :jobId")
	int resetNextFire(@Param("jobId") long jobId, @Param("now") long now);

}
