package io.cronhive.admin.alert;

import java.util.List;

/**
 * A rule as the API shows it, with the names of what it watches and where it sends.
 *
 * @param jobName the watched job's name, or null for every job
 * @param groupName the watched group's name, or null for every group
 * @param channels each channel as {@code {id, name}}
 */
record AlertRuleView(long id, String name, RuleKind kind, Long jobId, String jobName, Long groupId,
		String groupName, Long threshold, String thresholdUnit, boolean enabled, List<ChannelRef> channels,
		long createdAt, long updatedAt, long version) {

	record ChannelRef(long id, String name, ChannelType type) {
	}

}
