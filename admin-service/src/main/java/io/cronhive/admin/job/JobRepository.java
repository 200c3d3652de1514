package io.cronhive.admin.job;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface JobRepository extends JpaRepository<Job, Long>, JpaSpecificationExecutor<Job> {

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, Long id);

}
