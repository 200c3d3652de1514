package io.cronhive.admin.workergroup;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.PreconditionException;
import io.cronhive.admin.worker.WorkerLookup;
import io.cronhive.admin.worker.WorkerSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Worker group rules: members must exist, names are unique, and a group that jobs run on is not deleted from
 * under them (the caller is told which jobs to move first).
 */
@Service
class WorkerGroupService {

	private static final Logger log = LoggerFactory.getLogger(WorkerGroupService.class);

	private final WorkerGroupRepository groups;

	private final WorkerLookup workers;

	private final Clock clock;

	WorkerGroupService(WorkerGroupRepository groups, WorkerLookup workers, Clock clock) {
		this.groups = groups;
		this.workers = workers;
		this.clock = clock;
	}

	@Transactional
	WorkerGroupView create(WorkerGroupRequest request) {
		Members members = validate(request);
		String name = request.name().trim();
		if (this.groups.existsByName(name)) {
			throw ConflictException.duplicate("name", "worker group", name);
		}
		WorkerGroup group = this.groups.saveAndFlush(new WorkerGroup(name, members.ids(), members.tags(), this.clock.millis()));
		log.info("Created worker group {} '{}' with workers {} and tags {}", group.getId(),
				LogText.of(name), members.ids(), LogText.of(members.tags()));
		return view(group);
	}

	@Transactional(readOnly = true)
	WorkerGroupView get(long id) {
		return view(find(id));
	}

	@Transactional(readOnly = true)
	PageView<WorkerGroupView> list(String name, Pageable pageable) {
		return PageView.of(this.groups.findByNameContainingIgnoreCase((name != null) ? name.trim() : "", pageable), this::view);
	}

	@Transactional
	WorkerGroupView update(long id, WorkerGroupRequest request, String ifMatch) {
		WorkerGroup group = find(id);
		if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.replace("W/", "").replace("\"", "").trim()
			.equals(Long.toString(group.getVersion()))) {
			throw PreconditionException.failed("worker group", id, ifMatch, group.getVersion());
		}
		if (request.version() != null && request.version() != group.getVersion()) {
			throw ConflictException.staleVersion("worker group", id, request.version(), group.getVersion());
		}
		Members members = validate(request);
		String name = request.name().trim();
		if (this.groups.existsByNameAndIdNot(name, id)) {
			throw ConflictException.duplicate("name", "worker group", name);
		}
		group.update(name, members.ids(), members.tags(), this.clock.millis());
		this.groups.saveAndFlush(group);
		log.info("Updated worker group {} '{}': workers {} and tags {}", id, LogText.of(name),
				members.ids(), LogText.of(members.tags()));
		return view(group);
	}

	/** Refused with 409 while jobs run on the group: deleting it would silently change where they run. */
	@Transactional
	void delete(long id) {
		WorkerGroup group = find(id);
		List<Map<String, Object>> jobs = this.groups.jobsUsing(id)
			.stream()
			.map((row) -> Map.<String, Object>of("id", ((Number) row[0]).longValue(), "name", row[1]))
			.toList();
		if (!jobs.isEmpty()) {
			throw new ConflictException("group-in-use", "Worker group in use", "worker group " + id + " ('"
					+ group.getName() + "') is used by " + jobs.size()
					+ " job(s); move them to another group or clear their groupId first", List.of())
				.with("jobs", jobs);
		}
		this.groups.delete(group);
		log.info("Deleted worker group {} '{}'", id, LogText.of(group.getName()));
	}

	WorkerGroupView view(WorkerGroup group) {
		List<WorkerSummary> members = this.workers.matching(group.getWorkerIds(), group.getTags());
		GroupHealth health = GroupHealth.of(members);
		return new WorkerGroupView(group.getId(), group.getName(), health.status(), health.statusName(),
				health.reason(), members, new TreeSet<>(group.getWorkerIds()), new TreeSet<>(group.getTags()),
				group.getCreatedAt(), group.getUpdatedAt(), group.getVersion());
	}

	private Members validate(WorkerGroupRequest request) {
		Set<Long> ids = new LinkedHashSet<>((request.workerIds() != null) ? request.workerIds() : List.of());
		ids.remove(null);
		Set<String> tags = new LinkedHashSet<>();
		if (request.tags() != null) {
			request.tags().stream().map(String::trim).forEach(tags::add);
		}
		Set<Long> unknown = this.workers.unknown(ids);
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException(List.of(new FieldProblem("workerIds", "no worker has id " + new TreeSet<>(unknown))));
		}
		return new Members(ids, tags);
	}

	private WorkerGroup find(long id) {
		return this.groups.findById(id).orElseThrow(() -> new NotFoundException("worker group", id));
	}

	private record Members(Set<Long> ids, Set<String> tags) {
	}

}
