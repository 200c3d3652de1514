package io.cronhive.admin.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

	@Query("SELECT e FROM AuditEvent e WHERE (:username IS NULL OR e.username = :username)"
			+ " AND (:entityType IS NULL OR e.entityType = :entityType)"
			+ " AND (:from IS NULL OR e.at >= :from) AND (:to IS NULL OR e.at < :to)")
	Page<AuditEvent> search(String username, String entityType, Long from, Long to, Pageable pageable);

}
