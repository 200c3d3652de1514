package io.cronhive.common.dispatch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a master did with one run's report. All three are final: the worker may delete the report, since
 * sending it again would change nothing (an unknown run stays unknown).
 */
public enum ReportDisposition {

	/** The run is now finished with this report. */
	APPLIED("applied"),

	/** The run had finished already; nothing changed (a repeated report). */
	ALREADY_APPLIED("already_applied"),

	/** No such run in the cluster. */
	UNKNOWN_RUN("unknown_run");

	private final String wireName;

	ReportDisposition(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	@JsonCreator
	public static ReportDisposition fromWireName(String wireName) {
		for (ReportDisposition disposition : values()) {
			if (disposition.wireName.equals(wireName)) {
				return disposition;
			}
		}
		throw new IllegalArgumentException("unknown report disposition '" + wireName + "'");
	}

}
