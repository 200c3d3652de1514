package io.cronhive.admin.dependency;

/**
 * A job on the other end of one of a job's dependency edges.
 *
 * @param jobId that job's id
 * @param name its name
 * @param kind {@code trigger} (the child runs when the parent's run ends as {@code on} says) or {@code join}
 * @param on {@code success}, {@code failure} or {@code always}; a join is always {@code success}
 */
public record DependencyLink(long jobId, String name, String kind, String on) {
}
