package io.cronhive.admin.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * The list envelope fixed by DESIGN §3: {@code {"items":[...],"page":0,"size":50,"total":N}}.
 *
 * @param <T> the item view
 * @param items the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param total number of items across all pages
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

	public static <E, T> PageView<T> of(Page<E> page, Function<? super E, T> mapper) {
		return new PageView<>(page.getContent().stream().<T>map(mapper).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements());
	}

	public static <T> PageView<T> of(Page<T> page) {
		return new PageView<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements());
	}

}
