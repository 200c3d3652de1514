package io.cronhive.admin.workergroup;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface WorkerGroupRepository extends JpaRepository<WorkerGroup, Long> {

	Page<WorkerGroup> findByNameContainingIgnoreCase(String name, Pageable pageable);

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, Long id);

	/** Jobs that run on this group, as {id, name}; the jobs table belongs to the job feature, hence plain SQL. */
	@Query(value = "SELECT id, name FROM jobs WHERE group_id = :groupId ORDER BY id", nativeQuery = true)
	List<Object[]> jobsUsing(@Param("groupId") long groupId);

	/** Sets the refreshed status without touching the version, so a refresh never fails an operator's edit. */
	@Modifying
	@Query(value = "UPDATE worker_groups SET status = :status WHERE id = :id AND status <> :status", nativeQuery = true)
	int updateStatus(@Param("id") long id, @Param("status") int status);

}
