package io.cronhive.admin.alert;

import java.net.URI;
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

/** {@code /v1/alert-rules}: when to alert, per job or for all, and to which channels. */
@RestController
@RequestMapping("/v1/alert-rules")
class AlertRuleController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "kind", "kind",
			"createdAt", "createdAt");

	private final AlertRuleService rules;

	AlertRuleController(AlertRuleService rules) {
		this.rules = rules;
	}

	@PostMapping
	ResponseEntity<AlertRuleView> create(@Valid @RequestBody AlertRuleRequest request) {
		AlertRuleView rule = this.rules.create(request);
		return ResponseEntity.created(URI.create("/v1/alert-rules/" + rule.id()))
			.eTag("\"" + rule.version() + "\"")
			.body(rule);
	}

	@GetMapping
	PageView<AlertRuleView> list(@RequestParam(required = false) String name,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
			@RequestParam(required = false) List<String> sort) {
		return this.rules.list(name,
				Paging.of(page, size, sort, SORTABLE, Sort.by(Sort.Order.asc("name"), Sort.Order.asc("id"))));
	}

	@GetMapping("/{id}")
	ResponseEntity<AlertRuleView> get(@PathVariable long id) {
		AlertRuleView rule = this.rules.get(id);
		return ResponseEntity.ok().eTag("\"" + rule.version() + "\"").body(rule);
	}

	@PutMapping("/{id}")
	ResponseEntity<AlertRuleView> update(@PathVariable long id, @Valid @RequestBody AlertRuleRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		AlertRuleView rule = this.rules.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag("\"" + rule.version() + "\"").body(rule);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.rules.delete(id);
		return ResponseEntity.noContent().build();
	}

}
