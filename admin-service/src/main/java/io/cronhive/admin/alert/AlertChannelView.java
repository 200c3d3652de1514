package io.cronhive.admin.alert;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A channel as the API shows it. {@code secret} is present only in the answer to the create (or to an update
 * that set a new one) and never again; {@code secretSet} says whether the channel signs.
 */
record AlertChannelView(long id, String name, ChannelType type, String url, List<String> recipients,
		boolean enabled, int maxPerHour, boolean secretSet, @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
		long createdAt, long updatedAt, long version) {

	static AlertChannelView from(AlertChannel channel, String revealedSecret) {
		return new AlertChannelView(channel.getId(), channel.getName(), channel.getType(), channel.getUrl(),
				channel.getRecipients(), channel.isEnabled(), channel.getMaxPerHour(), channel.hasSecret(),
				revealedSecret, channel.getCreatedAt(), channel.getUpdatedAt(), channel.getVersion());
	}

}
