package io.cronhive.admin.auth;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.cronhive.admin.user.Account;
import io.cronhive.admin.user.UserService;
import io.cronhive.admin.web.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/auth}: login and the public keys the gateway verifies tokens with. */
@RestController
@RequestMapping("/v1/auth")
class AuthController {

	private static final Logger log = LoggerFactory.getLogger(AuthController.class);

	private final UserService users;

	private final TokenService tokens;

	private final SigningKeys keys;

	private final LoginThrottle throttle;

	private final ClientAddress clientAddress;

	AuthController(UserService users, TokenService tokens, SigningKeys keys, LoginThrottle throttle,
			ClientAddress clientAddress) {
		this.users = users;
		this.tokens = tokens;
		this.keys = keys;
		this.throttle = throttle;
		this.clientAddress = clientAddress;
	}

	@PostMapping("/login")
	@SecurityRequirements
	ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		String client = this.clientAddress.of(http);
		Duration wait = this.throttle.lockedFor(request.username(), client);
		if (!wait.isZero()) {
			throw new TooManyLoginAttemptsException(wait);
		}
		Account account = this.users.authenticate(request.username(), request.password()).orElseThrow(() -> {
			this.throttle.failed(request.username(), client);
			log.info("Refused login for user name '{}' from {}", LogText.of(request.username()), client);
			return new InvalidCredentialsException();
		});
		this.throttle.succeeded(request.username(), client);
		TokenService.IssuedToken token = this.tokens.issueSession(account);
		log.info("User {} logged in (token until {})", account.username(), token.expiresAt());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new LoginResponse(token.token(),
				token.expiresAt()));
	}

	@GetMapping("/jwks")
	@SecurityRequirements
	ResponseEntity<Map<String, Object>> jwks() {
		// toJSONObject() leaves out private parts by default; publicKeys() holds none anyway.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
