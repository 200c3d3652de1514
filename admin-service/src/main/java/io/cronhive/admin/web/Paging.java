package io.cronhive.admin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Turns {@code page}, {@code size} and {@code sort=field[,asc|desc]} query parameters into a {@link Pageable},
 * accepting only the sort fields a resource declares, so a typo is a 400 naming {@code sort} rather than a
 * 500 from the persistence layer.
 */
public final class Paging {

	/** Default page size of every list (DESIGN §3). */
	public static final int DEFAULT_SIZE = 50;

	/** The largest page served; larger requests are refused rather than silently cut. */
	public static final int MAX_SIZE = 500;

	private Paging() {
	}

	/**
	 * @param sortable API sort field to entity property
	 * @param defaultSort used when no sort is given; an id tie-breaker keeps pages stable
	 */
	public static Pageable of(int page, int size, List<String> sort, Map<String, String> sortable, Sort defaultSort) {
		List<FieldProblem> errors = new ArrayList<>();
		if (page < 0) {
			errors.add(new FieldProblem("page", "must be 0 or more"));
		}
		if (size < 1 || size > MAX_SIZE) {
			errors.add(new FieldProblem("size", "must be between 1 and " + MAX_SIZE));
		}
		// Spring splits "sort=name,desc" at the comma, so read a flat token list: a field, optionally followed by
		// asc or desc. "sort=name,desc&sort=createTime" and "sort=name,desc,createTime" mean the same.
		List<Sort.Order> orders = new ArrayList<>();
		boolean lastRejected = false;
		for (String raw : (sort != null) ? sort : List.<String>of()) {
			String token = (raw != null) ? raw.trim() : "";
			if (token.isEmpty()) {
				continue;
			}
			String lower = token.toLowerCase(Locale.ROOT);
			if (lower.equals("asc") || lower.equals("desc")) {
				if (lastRejected) {
					continue;
				}
				if (orders.isEmpty()) {
					errors.add(new FieldProblem("sort", "'" + token + "' must follow a field name"));
				}
				else {
					Sort.Order last = orders.removeLast();
					orders.add(lower.equals("asc") ? last.with(Sort.Direction.ASC) : last.with(Sort.Direction.DESC));
				}
				continue;
			}
			String property = sortable.get(token);
			lastRejected = (property == null);
			if (property == null) {
				errors.add(new FieldProblem("sort",
						"cannot sort by '" + token + "'; sortable fields: " + String.join(", ", sortable.keySet())));
				continue;
			}
			orders.add(Sort.Order.asc(property));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		Sort order = orders.isEmpty() ? defaultSort : Sort.by(orders).and(Sort.by("id"));
		return PageRequest.of(page, size, order);
	}

}
