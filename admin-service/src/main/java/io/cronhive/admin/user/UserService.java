package io.cronhive.admin.user;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns the user rules: hashing, the last enabled admin that may never go away, and a login check that takes
 * the same time whether or not the user exists, so response times do not reveal user names.
 */
@Service
public class UserService {

	/** The name of the user created at the first start. */
	public static final String FIRST_ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(UserService.class);

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final Clock clock;

	// Compared against when the user does not exist, so an unknown name costs one hash like a known one.
	private final String decoyHash;

	UserService(UserRepository users, PasswordEncoder encoder, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.clock = clock;
		this.decoyHash = encoder.encode("decoy-password-never-matches");
	}

	/** The account when the name and password match an enabled user; empty otherwise, in constant time. */
	@Transactional
	public Optional<Account> authenticate(String username, String password) {
		if (username == null || password == null || password.length() > 4 * PasswordPolicy.MAX_BYTES) {
			this.encoder.matches("", this.decoyHash);
			return Optional.empty();
		}
		Optional<User> found = this.users.findByUsername(username);
		String hash = found.map(User::getPasswordHash).orElse(this.decoyHash);
		boolean matches = this.encoder.matches(password, hash);
		if (found.isEmpty() || !matches || !found.get().isEnabled()) {
			return Optional.empty();
		}
		User user = found.get();
		if (this.encoder.upgradeEncoding(user.getPasswordHash())) {
			user.changePassword(this.encoder.encode(password));
			// Flushed now so the token minted from this account carries the version the change produced.
			this.users.flush();
		}
		return Optional.of(Account.from(user));
	}

	/** The account behind a token's user id, read fresh so role changes and disables apply at once. */
	@Transactional(readOnly = true)
	public Optional<Account> account(long id) {
		return this.users.findById(id).map(Account::from);
	}

	@Transactional(readOnly = true)
	public Optional<Account> account(String username) {
		return this.users.findByUsername(username).map(Account::from);
	}

	@Transactional(readOnly = true)
	public Map<Long, String> usernames(Collection<Long> ids) {
		return this.users.findAllById(ids).stream().collect(Collectors.toMap(User::getId, User::getUsername));
	}

	@Transactional(readOnly = true)
	public boolean hasEnabledAdmin() {
		return this.users.countByRoleAndEnabledTrue(Role.ADMIN) > 0;
	}

	/**
	 * Creates {@value #FIRST_ADMIN} with the given password. Fails with a DataIntegrityViolationException when a
	 * concurrently starting replica created it first.
	 */
	@Transactional
	public void createFirstAdmin(String password) {
		this.users.saveAndFlush(new User(FIRST_ADMIN, this.encoder.encode(password), Role.ADMIN, this.clock.millis()));
	}

	@Transactional(readOnly = true)
	PageView<UserView> list(Pageable pageable) {
		return PageView.of(this.users.findAll(pageable), UserView::from);
	}

	@Transactional(readOnly = true)
	UserView get(long id) {
		return UserView.from(find(id));
	}

	@Transactional(readOnly = true)
	UserView get(String username) {
		return this.users.findByUsername(username)
			.map(UserView::from)
			.orElseThrow(() -> new NotFoundException("user", username));
	}

	@Transactional
	UserView create(CreateUserRequest request) {
		PasswordPolicy.check("password", request.password());
		if (this.users.existsByUsername(request.username())) {
			throw ConflictException.duplicate("username", "user", request.username());
		}
		User user = this.users.saveAndFlush(new User(request.username(), this.encoder.encode(request.password()),
				request.role(), this.clock.millis()));
		log.info("Created user {} ({}) with role {}", LogText.of(user.getUsername()), user.getId(),
				user.getRole().code());
		return UserView.from(user);
	}

	@Transactional
	UserView update(long id, UpdateUserRequest request) {
		User user = find(id);
		if (request.version() != null && request.version() != user.getVersion()) {
			throw ConflictException.staleVersion("user", id, request.version(), user.getVersion());
		}
		Role role = (request.role() != null) ? request.role() : user.getRole();
		boolean enabled = (request.enabled() != null) ? request.enabled() : user.isEnabled();
		if (request.password() != null) {
			PasswordPolicy.check("password", request.password());
		}
		// Checked before anything changes, so a refused update leaves the user exactly as it was.
		if (user.isActiveAdmin() && !(enabled && role == Role.ADMIN)
				&& this.users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
			throw lastAdmin(user, (role != Role.ADMIN) ? "role" : "enabled");
		}
		user.changeRole(role);
		user.enable(enabled);
		if (request.password() != null) {
			user.changePassword(this.encoder.encode(request.password()));
		}
		this.users.flush();
		return UserView.from(user);
	}

	@Transactional
	void delete(long id) {
		User user = find(id);
		if (user.isActiveAdmin() && this.users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
			throw lastAdmin(user, "id");
		}
		this.users.delete(user);
		log.info("Deleted user {} ({})", LogText.of(user.getUsername()), id);
	}

	@Transactional
	void changeOwnPassword(String username, ChangePasswordRequest request) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new NotFoundException("user", username));
		if (!this.encoder.matches(request.currentPassword(), user.getPasswordHash())) {
			throw new InvalidRequestException("currentPassword", "does not match your current password");
		}
		PasswordPolicy.check("newPassword", request.newPassword());
		user.changePassword(this.encoder.encode(request.newPassword()));
		log.info("User {} changed their password", LogText.of(username));
	}

	private static ConflictException lastAdmin(User user, String field) {
		String detail = "user " + user.getUsername() + " is the last enabled admin; make another user admin first";
		return new ConflictException("last-admin", "Last admin", detail, List.of(new FieldProblem(field, detail)));
	}

	private User find(long id) {
		return this.users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
	}

}
