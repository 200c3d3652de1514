package io.cronhive.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cronhive.admin.user.Account;
import io.cronhive.admin.user.Role;
import io.cronhive.admin.user.UserService;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: created by a user for themselves (an admin also for others), shown once, listed and revoked by
 * their owner or an admin. Revocation is checked on every request that carries one.
 */
@Service
class ApiTokenService {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

	private static final long TOUCH_EVERY_MS = Duration.ofMinutes(1).toMillis();

	private final ApiTokenRepository tokens;

	private final UserService users;

	private final TokenService issuer;

	private final AuthProperties properties;

	private final Clock clock;

	ApiTokenService(ApiTokenRepository tokens, UserService users, TokenService issuer, AuthProperties properties,
			Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.issuer = issuer;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	ApiTokenView create(Account caller, CreateApiTokenRequest request) {
		Account owner = caller;
		if (request.username() != null && !request.username().equals(caller.username())) {
			requireAdmin(caller);
			owner = this.users.account(request.username())
				.orElseThrow(() -> new InvalidRequestException("username", "no user '" + request.username() + "'"));
		}
		Instant now = this.clock.instant();
		Duration ttl = (request.ttlDays() != null) ? Duration.ofDays(request.ttlDays()) : this.properties.apiTokenTtl();
		Instant expiresAt = now.plus(ttl);
		// The jti must be the row id, so the row is written first with a unique placeholder hash, then bound.
		String placeholder = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		ApiToken row = this.tokens
			.saveAndFlush(new ApiToken(owner.id(), request.name(), placeholder, now.toEpochMilli(), expiresAt.toEpochMilli()));
		TokenService.IssuedToken token = this.issuer.issueApi(owner, row.getId(), expiresAt);
		row.bind(TokenService.hash(token.token()));
		log.info("User {} created API token {} ({}) for {}", LogText.of(caller.username()), row.getId(),
				LogText.of(row.getName()), LogText.of(owner.username()));
		return ApiTokenView.from(row, owner.username(), token.token());
	}

	@Transactional(readOnly = true)
	PageView<ApiTokenView> list(Account caller, String username, Pageable pageable) {
		Page<ApiToken> page;
		if (username == null && caller.role() == Role.ADMIN) {
			page = this.tokens.findAll(pageable);
		}
		else {
			String whose = (username != null) ? username : caller.username();
			if (!whose.equals(caller.username())) {
				requireAdmin(caller);
			}
			long userId = this.users.account(whose).map(Account::id).orElse(-1L);
			page = this.tokens.findByUserId(userId, pageable);
		}
		Set<Long> userIds = page.getContent().stream().map(ApiToken::getUserId).collect(Collectors.toSet());
		Map<Long, String> names = this.users.usernames(userIds);
		return PageView.of(page, (t) -> ApiTokenView.from(t, names.get(t.getUserId()), null));
	}

	@Transactional
	void revoke(Account caller, long id) {
		ApiToken token = this.tokens.findById(id)
			// Someone else's token answers 404 like a missing one: ids are not worth confirming to non-admins.
			.filter((t) -> t.getUserId() == caller.id() || caller.role() == Role.ADMIN)
			.orElseThrow(() -> new NotFoundException("API token", id));
		token.revoke();
		log.info("User {} revoked API token {} ({})", LogText.of(caller.username()), id,
				LogText.of(token.getName()));
	}

	/** Whether the API token with this id and exact value is still live; records the use (once a minute). */
	@Transactional
	boolean isLive(long id, String tokenValue) {
		if (!this.tokens.isLive(id, TokenService.hash(tokenValue))) {
			return false;
		}
		long now = this.clock.millis();
		this.tokens.touch(id, now, now - TOUCH_EVERY_MS);
		return true;
	}

	private static void requireAdmin(Account caller) {
		if (caller.role() != Role.ADMIN) {
			throw new AccessDeniedException("only an admin manages other users' API tokens");
		}
	}

}
