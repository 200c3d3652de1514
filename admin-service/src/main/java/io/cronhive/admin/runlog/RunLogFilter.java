package io.cronhive.admin.runlog;

import java.util.Locale;

import org.springframework.data.jpa.domain.Specification;

/**
 * The filters of {@code GET /v1/scheduler-logs}; every one optional, all combined with AND.
 *
 * @param jobId the job's numeric id
 * @param jobUuid the job's jobId UUID
 * @param jobName part of the job name, case-insensitive
 * @param from inclusive lower bound on createTime (Unix ms)
 * @param to exclusive upper bound on createTime (Unix ms)
 */
record RunLogFilter(Long jobId, String jobUuid, String jobName, Integer status, Integer result, String workerName,
		String triggerKind, String state, Long from, Long to) {

	Specification<RunLog> toSpecification() {
		Specification<RunLog> spec = Specification.unrestricted();
		if (this.jobId != null) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("jobId"), this.jobId));
		}
		if (this.jobUuid != null) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("jobUuid"), this.jobUuid));
		}
		if (this.jobName != null && !this.jobName.isBlank()) {
			String pattern = "%" + this.jobName.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
				.replace("%", "\\%").replace("_", "\\_") + "%";
			spec = spec.and((r, q, cb) -> cb.like(cb.lower(r.get("jobName")), pattern, '\\'));
		}
		if (this.status != null) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("status"), this.status));
		}
		if (this.result != null) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("result"), this.result));
		}
		if (this.workerName != null && !this.workerName.isBlank()) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("workerName"), this.workerName.trim()));
		}
		if (this.triggerKind != null && !this.triggerKind.isBlank()) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("triggerKind"), this.triggerKind.trim().toLowerCase(Locale.ROOT)));
		}
		if (this.state != null && !this.state.isBlank()) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("state"), this.state.trim().toLowerCase(Locale.ROOT)));
		}
		if (this.from != null) {
			spec = spec.and((r, q, cb) -> cb.greaterThanOrEqualTo(r.get("createTime"), this.from));
		}
		if (this.to != null) {
			spec = spec.and((r, q, cb) -> cb.lessThan(r.get("createTime"), this.to));
		}
		return spec;
	}

}
