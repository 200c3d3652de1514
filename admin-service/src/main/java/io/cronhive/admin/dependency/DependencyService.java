package io.cronhive.admin.dependency;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.common.job.RunCondition;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of job dependencies: children and join parents must be other existing jobs, a pair of jobs has one
 * edge, and no change may close a cycle. Runs in the job write's transaction, so a refused dependency leaves the
 * job unwritten too.
 */
@Service
public class DependencyService {

	/** A join without a timeout of its own waits this long; the master applies the same default. */
	public static final long DEFAULT_JOIN_TIMEOUT_MS = 3_600_000;

	static final long MIN_JOIN_TIMEOUT_MS = 1_000;

	static final long MAX_JOIN_TIMEOUT_MS = 604_800_000;

	private final DependencyStore store;

	DependencyService(DependencyStore store) {
		this.store = store;
	}

	/**
	 * Validates and stores the dependencies a job owns. A null list keeps what the job has, so a client that
	 * does not know these fields does not wipe them with an update; an empty list removes them.
	 */
	@Transactional
	public void replace(long jobId, List<ChildJob> children, List<Long> joinParents, Long joinTimeoutMs) {
		if (children == null && joinParents == null && joinTimeoutMs == null) {
			return;
		}
		List<Edge> edges = this.store.allForChange();
		List<ChildJob> newChildren = (children != null) ? children : edges.stream()
			.filter((e) -> !e.isJoin() && e.parentJobId() == jobId)
			.map((e) -> new ChildJob(e.childJobId(), e.on()))
			.toList();
		List<Long> newParents = (joinParents != null) ? joinParents
				: edges.stream().filter((e) -> e.isJoin() && e.childJobId() == jobId).map(Edge::parentJobId).toList();
		List<FieldProblem> errors = new ArrayList<>();
		List<ChildJob> normalised = children(jobId, newChildren, edges, errors);
		parents(jobId, newParents, edges, errors);
		Long timeout = (joinTimeoutMs != null) ? joinTimeoutMs
				: this.store.joinTimeout(jobId).map(DependencyStore.JoinTimeout::ms).orElse(null);
		if (joinTimeoutMs != null && (joinTimeoutMs < MIN_JOIN_TIMEOUT_MS || joinTimeoutMs > MAX_JOIN_TIMEOUT_MS)) {
			errors.add(new FieldProblem("joinTimeoutMs",
					"must be between " + MIN_JOIN_TIMEOUT_MS + " and " + MAX_JOIN_TIMEOUT_MS + " ms"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		refuseCycle(jobId, normalised, newParents, edges);
		this.store.replaceOwned(jobId, normalised, newParents, (timeout != null) ? timeout : DEFAULT_JOIN_TIMEOUT_MS);
	}

	private List<ChildJob> children(long jobId, List<ChildJob> children, List<Edge> edges, List<FieldProblem> errors) {
		Map<Long, String> names = this.store
			.names(children.stream().map(ChildJob::jobId).filter((id) -> id != null).collect(Collectors.toSet()));
		Set<Long> seen = new HashSet<>();
		List<ChildJob> normalised = new ArrayList<>();
		for (int i = 0; i < children.size(); i++) {
			ChildJob child = children.get(i);
			String field = "children[" + i + "]";
			if (child == null || child.jobId() == null) {
				errors.add(new FieldProblem(field + ".jobId", "is required"));
				continue;
			}
			RunCondition on;
			try {
				on = RunCondition.fromWire(child.on());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem(field + ".on", ex.getMessage()));
				continue;
			}
			String problem = reference(jobId, child.jobId(), names, seen, "its own child");
			if (problem == null && edges.stream().anyMatch((e) -> e.isJoin() && e.parentJobId() == jobId
					&& e.childJobId() == child.jobId())) {
				problem = "job " + child.jobId() + " already joins on this job; two jobs have one dependency";
			}
			if (problem != null) {
				errors.add(new FieldProblem(field + ".jobId", problem));
				continue;
			}
			normalised.add(new ChildJob(child.jobId(), on.wireName()));
		}
		return normalised;
	}

	private void parents(long jobId, List<Long> parents, List<Edge> edges, List<FieldProblem> errors) {
		Map<Long, String> names = this.store
			.names(parents.stream().filter((id) -> id != null).collect(Collectors.toSet()));
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < parents.size(); i++) {
			Long parent = parents.get(i);
			String field = "joinParents[" + i + "]";
			if (parent == null) {
				errors.add(new FieldProblem(field, "is required"));
				continue;
			}
			String problem = reference(jobId, parent, names, seen, "its own join parent");
			if (problem == null && edges.stream()
				.anyMatch((e) -> !e.isJoin() && e.parentJobId() == parent && e.childJobId() == jobId)) {
				problem = "job " + parent + " already triggers this job; two jobs have one dependency";
			}
			if (problem != null) {
				errors.add(new FieldProblem(field, problem));
			}
		}
	}

	private static String reference(long jobId, long other, Map<Long, String> names, Set<Long> seen, String self) {
		if (other == jobId) {
			return "a job cannot be " + self;
		}
		if (!names.containsKey(other)) {
			return "job " + other + " does not exist";
		}
		if (!seen.add(other)) {
			return "job " + other + " is listed twice";
		}
		return null;
	}

	private void refuseCycle(long jobId, List<ChildJob> children, List<Long> parents, List<Edge> edges) {
		Optional<List<Long>> cycle = DependencyGraph
			.proposed(edges, jobId, children.stream().map(ChildJob::jobId).toList(), parents)
			.cycleThrough(jobId);
		if (cycle.isEmpty()) {
			return;
		}
		List<Long> path = cycle.get();
		Map<Long, String> names = this.store.names(new HashSet<>(path));
		String text = "cycle: " + path.stream().map(names::get).collect(Collectors.joining(" → "));
		// The edge that closes it is the job's own: to its first child, or from its join parent.
		long first = path.get(1);
		String field = children.stream().anyMatch((c) -> c.jobId() == first) ? "children" : "joinParents";
		throw new InvalidRequestException(field, text).with("cycle",
				path.stream().map((id) -> Map.of("id", id, "name", names.get(id))).toList());
	}

	/** Upstream and downstream of a job. */
	@Transactional(readOnly = true)
	public DependenciesView view(long jobId) {
		Long timeout = this.store.joinTimeout(jobId)
			.orElseThrow(() -> new NotFoundException("job", jobId))
			.ms();
		List<Edge> edges = this.store.touching(jobId);
		Set<Long> others = new HashSet<>();
		edges.forEach((e) -> others.add((e.parentJobId() == jobId) ? e.childJobId() : e.parentJobId()));
		Map<Long, String> names = this.store.names(others);
		List<DependencyLink> upstream = edges.stream()
			.filter((e) -> e.childJobId() == jobId)
			.map((e) -> new DependencyLink(e.parentJobId(), names.get(e.parentJobId()), e.kind(), e.on()))
			.toList();
		List<DependencyLink> downstream = edges.stream()
			.filter((e) -> e.parentJobId() == jobId)
			.map((e) -> new DependencyLink(e.childJobId(), names.get(e.childJobId()), e.kind(), e.on()))
			.toList();
		boolean joins = upstream.stream().anyMatch((l) -> Edge.JOIN.equals(l.kind()));
		return new DependenciesView(jobId, joins ? timeout : null, upstream, downstream);
	}

	/**
	 * Refuses to delete a job that other jobs' dependencies name (a parent's child, or a join's parent): deleting
	 * it would silently change what those jobs do. Its own children and join parents go with it.
	 */
	@Transactional(readOnly = true)
	public void refuseDeleteIfNamed(long jobId, String jobName) {
		Map<Long, String> roles = new LinkedHashMap<>();
		for (Edge edge : this.store.touching(jobId)) {
			if (!edge.isJoin() && edge.childJobId() == jobId) {
				roles.put(edge.parentJobId(), "triggers it");
			}
			else if (edge.isJoin() && edge.parentJobId() == jobId) {
				roles.put(edge.childJobId(), "joins on it");
			}
		}
		if (roles.isEmpty()) {
			return;
		}
		Map<Long, String> names = this.store.names(roles.keySet());
		String who = roles.entrySet()
			.stream()
			.map((e) -> "'" + names.get(e.getKey()) + "' (" + e.getValue() + ")")
			.collect(Collectors.joining(", "));
		String detail = "job '" + jobName + "' is named in the dependencies of " + who
				+ "; remove it there before deleting it";
		throw new ConflictException("job-has-dependents", "Job has dependents", detail, List.of())
			.with("dependents", roles.keySet()
				.stream()
				.map((id) -> Map.of("id", id, "name", names.get(id), "role", roles.get(id)))
				.toList());
	}

}
