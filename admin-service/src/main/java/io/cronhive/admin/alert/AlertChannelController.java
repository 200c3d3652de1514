package io.cronhive.admin.alert;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.Paging;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/alert-channels}: where alerts go, and "send a test alert". */
@RestController
@RequestMapping("/v1/alert-channels")
class AlertChannelController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "createdAt", "createdAt");

	private final AlertChannelService channels;

	private final TestAlerts tests;

	AlertChannelController(AlertChannelService channels, TestAlerts tests) {
		this.channels = channels;
		this.tests = tests;
	}

	@PostMapping
	ResponseEntity<AlertChannelView> create(@Valid @RequestBody AlertChannelRequest request) {
		AlertChannelView channel = this.channels.create(request);
		return ResponseEntity.created(URI.create("/v1/alert-channels/" + channel.id()))
			.eTag("\"" + channel.version() + "\"")
			.body(channel);
	}

	@GetMapping
	PageView<AlertChannelView> list(@RequestParam(required = false) String name,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.channels.list(name,
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.asc("name"), Sort.Order.asc("id"))));
	}

	@GetMapping("/{id}")
	ResponseEntity<AlertChannelView> get(@PathVariable long id) {
		AlertChannelView channel = this.channels.get(id);
		return ResponseEntity.ok().eTag("\"" + channel.version() + "\"").body(channel);
	}

	@PutMapping("/{id}")
	ResponseEntity<AlertChannelView> update(@PathVariable long id, @Valid @RequestBody AlertChannelRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		AlertChannelView channel = this.channels.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag("\"" + channel.version() + "\"").body(channel);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.channels.delete(id);
		return ResponseEntity.noContent().build();
	}

	/** Sends one test alert now; 200 whether or not it arrived, with what the receiver said. */
	@PostMapping("/{id}/test")
	TestAlerts.TestAlertResult test(@PathVariable long id, Principal principal) {
		return this.tests.send(id, (principal != null) ? principal.getName() : "someone");
	}

}
