package io.cronhive.admin.dependency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs' dependency edges as a directed graph, parent to child, to refuse a change that would close a cycle:
 * a job that (through any chain) triggers itself would run for ever.
 */
final class DependencyGraph {

	private final Map<Long, List<Long>> children = new HashMap<>();

	private DependencyGraph() {
	}

	/** The graph of {@code edges} with the edges {@code jobId} owns replaced by the proposed ones. */
	static DependencyGraph proposed(Collection<Edge> edges, long jobId, Collection<Long> newChildren,
			Collection<Long> newJoinParents) {
		DependencyGraph graph = new DependencyGraph();
		for (Edge edge : edges) {
			boolean ownedByJob = (edge.isJoin()) ? edge.childJobId() == jobId : edge.parentJobId() == jobId;
			if (!ownedByJob) {
				graph.add(edge.parentJobId(), edge.childJobId());
			}
		}
		newChildren.forEach((child) -> graph.add(jobId, child));
		newJoinParents.forEach((parent) -> graph.add(parent, jobId));
		return graph;
	}

	private void add(long parent, long child) {
		this.children.computeIfAbsent(parent, (p) -> new ArrayList<>()).add(child);
	}

	/**
	 * A cycle through {@code jobId}, as the jobs along it from {@code jobId} back to it, or empty. The graph was
	 * acyclic before the change, so any new cycle passes through the changed job.
	 */
	Optional<List<Long>> cycleThrough(long jobId) {
		Map<Long, Long> reachedFrom = new HashMap<>();
		Set<Long> seen = new HashSet<>();
		Deque<Long> queue = new ArrayDeque<>();
		queue.add(jobId);
		while (!queue.isEmpty()) {
			long current = queue.poll();
			for (long next : this.children.getOrDefault(current, List.of())) {
				if (next == jobId) {
					return Optional.of(path(reachedFrom, current, jobId));
				}
				if (seen.add(next)) {
					reachedFrom.put(next, current);
					queue.add(next);
				}
			}
		}
		return Optional.empty();
	}

	private static List<Long> path(Map<Long, Long> reachedFrom, long last, long jobId) {
		List<Long> path = new ArrayList<>();
		path.add(jobId);
		for (Long step = last; step != null && step != jobId; step = reachedFrom.get(step)) {
			path.add(1, step);
		}
		path.add(jobId);
		return path;
	}

}
