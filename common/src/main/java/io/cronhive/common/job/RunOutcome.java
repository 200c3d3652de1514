package io.cronhive.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The result of a finished run, with the seed's codes: 1 ok, 2 failed. */
public enum RunOutcome {

	OK(1, "ok"), FAILED(2, "failed");

	private final int code;

	private final String wireName;

	RunOutcome(int code, String wireName) {
		this.code = code;
		this.wireName = wireName;
	}

	@JsonValue
	public int code() {
		return this.code;
	}

	public String wireName() {
		return this.wireName;
	}

	@JsonCreator
	public static RunOutcome fromCode(int code) {
		for (RunOutcome outcome : values()) {
			if (outcome.code == code) {
				return outcome;
			}
		}
		throw new IllegalArgumentException("unknown run result code " + code + "; expected 1 or 2");
	}

}
