package io.cronhive.admin.dependency;

import java.util.List;

/**
 * {@code GET /v1/jobs/{id}/dependencies}: the jobs whose runs make this one run (upstream) and the jobs its runs
 * make run (downstream). The job's own settings are among them: its children are the downstream trigger links,
 * its join parents the upstream join links.
 *
 * @param jobId the job
 * @param joinTimeoutMs how long after an instant the join waits for its parents, or null without join parents
 * @param upstream parents: jobs that trigger this one, and the parents it joins on
 * @param downstream children: jobs this one triggers, and jobs that join on it
 */
public record DependenciesView(long jobId, Long joinTimeoutMs, List<DependencyLink> upstream,
		List<DependencyLink> downstream) {
}
