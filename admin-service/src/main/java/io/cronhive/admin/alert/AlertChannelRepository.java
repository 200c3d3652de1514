package io.cronhive.admin.alert;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AlertChannelRepository extends JpaRepository<AlertChannel, Long> {

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, long id);

	Page<AlertChannel> findByNameContainingIgnoreCase(String name, Pageable pageable);

	List<AlertChannel> findByIdIn(Collection<Long> ids);

}
