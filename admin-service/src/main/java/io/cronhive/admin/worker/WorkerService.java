package io.cronhive.admin.worker;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.PreconditionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's side of workers: declare, rename, re-tag and remove, each refused rather than half-done. */
@Service
class WorkerService {

	private static final Logger log = LoggerFactory.getLogger(WorkerService.class);

	private final WorkerRepository workers;

	private final Clock clock;

	WorkerService(WorkerRepository workers, Clock clock) {
		this.workers = workers;
		this.clock = clock;
	}

	@Transactional
	WorkerView create(WorkerRequest request) {
		String srvName = srvName(request.srvName());
		String name = request.name().trim();
		if (this.workers.existsBySrvNameAndName(srvName, name)) {
			throw duplicate(srvName, name);
		}
		Worker worker = this.workers.saveAndFlush(new Worker(name, blankToNull(request.host()), srvName,
				blankToNull(request.tag()), this.clock.millis()));
		log.info("Declared worker {} '{}' of service {}", worker.getId(), LogText.of(name),
				LogText.of(srvName));
		return WorkerView.of(worker);
	}

	@Transactional(readOnly = true)
	WorkerView get(long id) {
		return WorkerView.of(find(id));
	}

	@Transactional(readOnly = true)
	PageView<WorkerView> list(String name, String tag, String srvName, Boolean online, Pageable pageable) {
		Specification<Worker> spec = Specification.unrestricted();
		if (name != null && !name.isBlank()) {
			String pattern = "%" + name.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%";
			spec = spec.and((r, q, cb) -> cb.like(cb.lower(r.get("name")), pattern, '\\'));
		}
		if (tag != null && !tag.isBlank()) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("tag"), tag.trim()));
		}
		if (srvName != null && !srvName.isBlank()) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("srvName"), srvName(srvName)));
		}
		if (online != null) {
			spec = spec.and((r, q, cb) -> cb.equal(r.get("online"), online));
		}
		return PageView.of(this.workers.findAll(spec, pageable), WorkerView::of);
	}

	/** Applies the edit if the version (body or If-Match) is current; without either, last write wins. */
	@Transactional
	WorkerView update(long id, WorkerRequest request, String ifMatch) {
		Worker worker = find(id);
		if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.replace("W/", "").replace("\"", "").trim()
			.equals(Long.toString(worker.getVersion()))) {
			throw PreconditionException.failed("worker", id, ifMatch, worker.getVersion());
		}
		if (request.version() != null && request.version() != worker.getVersion()) {
			throw ConflictException.staleVersion("worker", id, request.version(), worker.getVersion());
		}
		String srvName = srvName(request.srvName());
		String name = request.name().trim();
		String tag = blankToNull(request.tag());
		if (worker.isOnline()) {
			refuseIdentityChange(worker, srvName, name, tag);
		}
		if (this.workers.existsBySrvNameAndNameAndIdNot(srvName, name, id)) {
			throw duplicate(srvName, name);
		}
		worker.update(name, blankToNull(request.host()), srvName, tag, this.clock.millis());
		this.workers.saveAndFlush(worker);
		log.info("Updated worker {} to '{}' of service {} (tag {})", id, LogText.of(name),
				LogText.of(srvName), LogText.of(worker.getTag()));
		return WorkerView.of(find(id));
	}

	/** Removes the worker and its group memberships; if it is still registered, the next sync brings it back. */
	@Transactional
	void delete(long id) {
		Worker worker = find(id);
		this.workers.delete(worker);
		log.info("Removed worker {} '{}'", id, LogText.of(worker.getName()));
	}

	/**
	 * A registered worker's srvName, name and tag are what its host registers with and what master-service
	 * dispatches and matches groups by; changing them here would only make this table lie until the next sync.
	 */
	private static void refuseIdentityChange(Worker worker, String srvName, String name, String tag) {
		List<FieldProblem> errors = new java.util.ArrayList<>();
		String why = "is set on the host while the worker is registered (CRONHIVE_WORKER_NAME, CRONHIVE_WORKER_SRV_NAME, "
				+ "CRONHIVE_WORKER_TAG); change it there, or edit the worker while it is offline";
		if (!srvName.equals(worker.getSrvName())) {
			errors.add(new FieldProblem("srvName", why));
		}
		if (!name.equals(worker.getName())) {
			errors.add(new FieldProblem("name", why));
		}
		if (!java.util.Objects.equals(tag, worker.getTag())) {
			errors.add(new FieldProblem("tag", why));
		}
		if (!errors.isEmpty()) {
			throw new ConflictException("worker-registered", "Worker is registered",
					"worker " + worker.getId() + " is online; its identity comes from its host", errors);
		}
	}

	private Worker find(long id) {
		return this.workers.findById(id).orElseThrow(() -> new NotFoundException("worker", id));
	}

	// The registry upper-cases application names; lower case everywhere keeps (srvName, name) one key.
	static String srvName(String value) {
		return value.trim().toLowerCase(Locale.ROOT);
	}

	private static ConflictException duplicate(String srvName, String name) {
		String detail = "service " + srvName + " already has a worker named '" + name + "'";
		return new ConflictException("duplicate", "Duplicate value", detail,
				List.of(new FieldProblem("name", detail)));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
