package io.cronhive.admin.alert;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an alert goes: an HTTP endpoint (signed JSON) or email addresses. Stored and sent as the lowercase name. */
enum ChannelType {

	WEBHOOK, EMAIL;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static ChannelType of(String value) {
		for (ChannelType type : values()) {
			if (type.wireName().equals(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("unknown channel type " + value + "; expected webhook or email");
	}

}
