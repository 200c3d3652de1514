package io.cronhive.admin.worker;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface WorkerRepository extends JpaRepository<Worker, Long>, JpaSpecificationExecutor<Worker> {

	boolean existsBySrvNameAndName(String srvName, String name);

	boolean existsBySrvNameAndNameAndIdNot(String srvName, String name, Long id);

}
