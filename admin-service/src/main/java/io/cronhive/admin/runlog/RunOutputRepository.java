package io.cronhive.admin.runlog;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunOutputRepository extends JpaRepository<RunOutput, Long> {

}
