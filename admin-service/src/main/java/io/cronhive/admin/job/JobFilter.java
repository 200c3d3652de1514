package io.cronhive.admin.job;

import java.util.Locale;

import jakarta.persistence.criteria.Subquery;

import org.springframework.data.jpa.domain.Specification;

/**
 * The filters of {@code GET /v1/jobs}; every one optional, all combined with AND.
 *
 * @param name part of the name, case-insensitive
 * @param status last-run status code (1..4)
 */
record JobFilter(String name, String tag, Long groupId, String type, Integer status, Boolean scheduled) {

	Specification<Job> toSpecification() {
		Specification<Job> spec = Specification.unrestricted();
		if (this.name != null && !this.name.isBlank()) {
			String pattern = "%" + this.name.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%";
			spec = spec.and((root, query, cb) -> cb.like(cb.lower(root.get("name")), pattern, '\\'));
		}
		if (this.tag != null && !this.tag.isBlank()) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("tag"), this.tag.trim()));
		}
		if (this.groupId != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("groupId"), this.groupId));
		}
		if (this.type != null && !this.type.isBlank()) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("type"), this.type));
		}
		if (this.status != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("status"), this.status));
		}
		if (this.scheduled != null) {
			spec = spec.and((root, query, cb) -> {
				Subquery<Long> sub = query.subquery(Long.class);
				var schedule = sub.from(JobSchedule.class);
				sub.select(schedule.get("jobId"))
					.where(cb.equal(schedule.get("jobId"), root.get("id")), cb.isTrue(schedule.get("scheduled")));
				return this.scheduled ? cb.exists(sub) : cb.not(cb.exists(sub));
			});
		}
		return spec;
	}

}
