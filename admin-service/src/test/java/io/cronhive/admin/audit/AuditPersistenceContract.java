package io.cronhive.admin.audit;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail's filters on a Flyway-migrated database; run on H2 and MariaDB. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class AuditPersistenceContract {

	static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

	@Autowired
	AuditEventRepository events;

	@BeforeEach
	void events() {
		this.events.deleteAll();
		this.events.save(new AuditEvent(T0, "alice", "create", "jobs", "1", "POST /v1/jobs -> 201"));
		this.events.save(new AuditEvent(T0 + 1_000, "bob", "delete", "jobs", "1", "DELETE /v1/jobs/1 -> 204"));
		this.events.save(new AuditEvent(T0 + 2_000, "alice", "update", "workers", "7", "PUT /v1/workers/7 -> 200"));
		this.events.flush();
	}

	@Test
	void filtersByUserTypeAndTimeRange() {
		assertThat(search(null, null, null, null)).extracting(AuditEvent::getAction)
			.containsExactly("update", "delete", "create");
		assertThat(search("alice", null, null, null)).extracting(AuditEvent::getAction)
			.containsExactly("update", "create");
		assertThat(search(null, "jobs", null, null)).extracting(AuditEvent::getUsername)
			.containsExactly("bob", "alice");
		assertThat(search(null, null, T0 + 1_000, T0 + 2_000)).extracting(AuditEvent::getUsername)
			.containsExactly("bob");
		assertThat(search("alice", "jobs", T0 + 1, null)).isEmpty();
	}

	@Test
	void longValuesAreCutToTheirColumns() {
		AuditEvent event = this.events.saveAndFlush(
				new AuditEvent(T0, "u".repeat(100), "a".repeat(40), "t".repeat(40), "i".repeat(80), "d".repeat(5000)));
		assertThat(event.getUsername()).hasSize(64);
		assertThat(event.getDetail()).hasSize(2000);
	}

	private Page<AuditEvent> search(String username, String type, Long from, Long to) {
		return this.events.search(username, type, from, to,
				PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "at", "id")));
	}

}
