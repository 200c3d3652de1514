package io.cronhive.master.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.cronhive.master.run.JobSpec;

/**
 * The workers a job may run on: those matching its tag and belonging to its group (a job with neither may run
 * on any worker), minus those this master currently considers failing. When none is left, {@link #reason()}
 * says why in words an operator can act on.
 *
 * @param workers the eligible workers in the registry's stable order
 * @param reason why there are none, or null
 */
record Candidates(List<WorkerInstance> workers, String reason) {

	static Candidates select(JobSpec job, List<WorkerInstance> online, BiPredicate<Long, WorkerInstance> inGroup,
			Predicate<WorkerInstance> healthy) {
		List<WorkerInstance> matching = new ArrayList<>();
		for (WorkerInstance worker : online) {
			if (job.tag() != null && !Objects.equals(job.tag(), worker.tag())) {
				continue;
			}
			if (job.groupId() != null && !inGroup.test(job.groupId(), worker)) {
				continue;
			}
			matching.add(worker);
		}
		if (matching.isEmpty()) {
			return new Candidates(List.of(), noneMatching(job, online.size()));
		}
		List<WorkerInstance> usable = matching.stream().filter(healthy).toList();
		if (usable.isEmpty()) {
			return new Candidates(List.of(), "all " + matching.size() + " matching worker(s) are failing ("
					+ String.join(", ", matching.stream().map(WorkerInstance::workerName).toList())
					+ "): circuit open after failed dispatches");
		}
		return new Candidates(usable, null);
	}

	private static String noneMatching(JobSpec job, int online) {
		if (online == 0) {
			return "no worker is online";
		}
		String group = (job.groupName() != null) ? job.groupName() : String.valueOf(job.groupId());
		if (job.tag() != null && job.groupId() != null) {
			return "no online worker in group '" + group + "' has tag '" + job.tag() + "'";
		}
		if (job.tag() != null) {
			return "no online worker has tag '" + job.tag() + "'";
		}
		return "no online worker belongs to group '" + group + "'";
	}

}
