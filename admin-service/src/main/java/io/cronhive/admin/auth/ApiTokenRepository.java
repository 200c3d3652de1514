package io.cronhive.admin.auth;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	Page<ApiToken> findByUserId(long userId, Pageable pageable);

	@Query("SELECT count(t) > 0 FROM ApiToken t WHERE t.id = :id AND t.tokenHash = :hash AND t.revoked = false")
	boolean isLive(long id, String hash);

	// Throttled by the caller: one write per token per minute at most, not one per request.
	@Modifying
	@Query("UPDATE ApiToken t SET t.lastUsedAt = :now WHERE t.id = :id AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :before)")
	int touch(long id, long now, long before);

}
