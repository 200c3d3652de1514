package io.cronhive.admin.alert;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, long id);

	Page<AlertRule> findByNameContainingIgnoreCase(String name, Pageable pageable);

}
