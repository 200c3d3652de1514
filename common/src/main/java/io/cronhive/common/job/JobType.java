package io.cronhive.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a job runs. The wire name is the seed's ({@code command}, {@code shell}, {@code python},
 * {@code golang}, {@code http}); one worker executor exists per type.
 */
public enum JobType {

	COMMAND("command"), SHELL("shell"), PYTHON("python"), GOLANG("golang"), HTTP("http");

	private final String wireName;

	JobType(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/** Accepts the wire name or the enum name, case-insensitively ({@code go} too, as users type it). */
	@JsonCreator
	public static JobType fromWire(String value) {
		if (value != null) {
			String v = value.trim().toLowerCase(java.util.Locale.ROOT);
			if (v.equals("go")) {
				return GOLANG;
			}
			for (JobType type : values()) {
				if (type.wireName.equals(v)) {
					return type;
				}
			}
		}
		throw new IllegalArgumentException("unknown job type '" + value + "'; expected one of command, shell, python, golang, http");
	}

}
