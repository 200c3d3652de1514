package io.cronhive.common.job;

import java.util.Locale;

/**
 * When a parent's finished run triggers a child job: on success, on failure, or always. Admin-service validates
 * the wire names; master-service matches them against the parent's final outcome.
 */
public enum RunCondition {

	SUCCESS("success"), FAILURE("failure"), ALWAYS("always");

	private final String wireName;

	RunCondition(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	/** Whether a parent run that ended with {@code outcome} triggers a child under this condition. */
	public boolean matches(RunOutcome outcome) {
		return switch (this) {
			case SUCCESS -> outcome == RunOutcome.OK;
			case FAILURE -> outcome == RunOutcome.FAILED;
			case ALWAYS -> true;
		};
	}

	/** The condition named {@code name} (case and surrounding blanks ignored); absent means success. */
	public static RunCondition fromWire(String name) {
		if (name == null || name.isBlank()) {
			return SUCCESS;
		}
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		for (RunCondition condition : values()) {
			if (condition.wireName.equals(wanted)) {
				return condition;
			}
		}
		throw new IllegalArgumentException("'" + name + "' is not one of success, failure, always");
	}

}
