package io.cronhive.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** State of a run (and of a job's last run), with the seed's codes: 1 running, 2 done, 3 unknown, 4 error. */
public enum RunStatus {

	RUNNING(1, "running"), DONE(2, "done"), UNKNOWN(3, "unknown"), ERROR(4, "error");

	private final int code;

	private final String wireName;

	RunStatus(int code, String wireName) {
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
	public static RunStatus fromCode(int code) {
		for (RunStatus status : values()) {
			if (status.code == code) {
				return status;
			}
		}
		throw new IllegalArgumentException("unknown run status code " + code + "; expected 1 to 4");
	}

}
