package io.cronhive.admin.user;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/users}: admins manage users; every user reads themselves and changes their own password. */
@RestController
@RequestMapping("/v1/users")
class UserController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "username", "username", "role", "role",
			"createTime", "createdAt");

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	PageView<UserView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.users.list(Paging.of(page, size, sort, SORTABLE, Sort.by("id")));
	}

	@GetMapping("/me")
	UserView me(Principal principal) {
		return this.users.get(principal.getName());
	}

	@PutMapping("/me/password")
	ResponseEntity<Void> changeOwnPassword(Principal principal, @Valid @RequestBody ChangePasswordRequest request) {
		this.users.changeOwnPassword(principal.getName(), request);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}")
	UserView get(@PathVariable long id) {
		return this.users.get(id);
	}

	@PostMapping
	ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
		UserView user = this.users.create(request);
		return ResponseEntity.created(URI.create("/v1/users/" + user.id())).body(user);
	}

	@PutMapping("/{id}")
	UserView update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request) {
		return this.users.update(id, request);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.users.delete(id);
		return ResponseEntity.noContent().build();
	}

}
