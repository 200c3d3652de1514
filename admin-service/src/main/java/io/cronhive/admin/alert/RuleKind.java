package io.cronhive.admin.alert;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a rule watches. Job rules look at finished runs (and, for {@link #LONG_RUN}, running ones); the group
 * rule looks at the worker table. {@code threshold} means failures in a row or milliseconds, as noted.
 */
enum RuleKind {

	/** A run failed (error or unknown outcome); all-clear: the job's next successful run. */
	RUN_FAILED(false, null),
	/** {@code threshold} runs failed in a row; all-clear: a successful run. */
	CONSECUTIVE_FAILURES(false, "failures in a row"),
	/** A slot was missed or skipped by the misfire or concurrency policy; all-clear: an on-time cron run. */
	MISSED_FIRE(false, null),
	/** A cron run was dispatched more than {@code threshold} ms after its slot; all-clear: one within it. */
	LATE_TRIGGER(false, "milliseconds"),
	/** A run lasted (or has been running) longer than {@code threshold} ms; all-clear: one within it. */
	LONG_RUN(false, "milliseconds"),
	/** A worker group has no online worker; all-clear: one is online again. */
	GROUP_UNHEALTHY(true, null);

	private final boolean groupRule;

	private final String thresholdUnit;

	RuleKind(boolean groupRule, String thresholdUnit) {
		this.groupRule = groupRule;
		this.thresholdUnit = thresholdUnit;
	}

	boolean groupRule() {
		return this.groupRule;
	}

	/** What the threshold counts, or null when the kind takes none. */
	String thresholdUnit() {
		return this.thresholdUnit;
	}

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static RuleKind of(String value) {
		for (RuleKind kind : values()) {
			if (kind.wireName().equals(value)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown rule kind " + value);
	}

}
