package io.cronhive.admin.dependency;

/**
 * One child a job triggers when its run reaches its final status.
 *
 * @param jobId the child job's id
 * @param on {@code success} (default), {@code failure} or {@code always}
 */
public record ChildJob(Long jobId, String on) {
}
