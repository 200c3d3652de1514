package io.cronhive.admin.user;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user may do: a viewer reads, an operator also changes jobs, workers, groups and scheduling, an admin
 * also manages users, everyone's API tokens and reads the audit trail. Stored and sent lowercase.
 */
public enum Role {

	ADMIN, OPERATOR, VIEWER;

	/** The wire and column spelling. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The Spring Security authority, e.g. {@code ROLE_OPERATOR}. */
	public String authority() {
		return "ROLE_" + name();
	}

	@JsonCreator
	public static Role fromCode(String code) {
		return Arrays.stream(values())
			.filter((r) -> r.code().equalsIgnoreCase(code))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown role '" + code + "'; use admin, operator or viewer"));
	}

}
