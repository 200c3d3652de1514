package io.cronhive.admin.worker;

/**
 * What a worker group shows of a member: the seed's {@code {id, name}}, plus whether it is online and its tag,
 * from which a group's status and tag membership follow.
 */
public record WorkerSummary(long id, String name, String tag, boolean online) {

}
