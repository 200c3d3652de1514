package io.cronhive.admin.auth;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import io.cronhive.admin.user.Account;
import io.cronhive.admin.user.UserService;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/auth/tokens}: API tokens for scripts and CI pipelines. */
@RestController
@RequestMapping("/v1/auth/tokens")
class ApiTokenController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "createTime",
			"createdAt");

	private final ApiTokenService tokens;

	private final UserService users;

	ApiTokenController(ApiTokenService tokens, UserService users) {
		this.tokens = tokens;
		this.users = users;
	}

	@PostMapping
	ResponseEntity<ApiTokenView> create(Principal principal, @Valid @RequestBody CreateApiTokenRequest request) {
		ApiTokenView token = this.tokens.create(caller(principal), request);
		return ResponseEntity.created(URI.create("/v1/auth/tokens/" + token.id())).body(token);
	}

	@GetMapping
	PageView<ApiTokenView> list(Principal principal, @RequestParam(required = false) String username,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.tokens.list(caller(principal), username,
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "id")));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(Principal principal, @PathVariable long id) {
		this.tokens.revoke(caller(principal), id);
		return ResponseEntity.noContent().build();
	}

	private Account caller(Principal principal) {
		return this.users.account(principal.getName())
			.orElseThrow(() -> new InsufficientAuthenticationException("the calling user no longer exists"));
	}

}
