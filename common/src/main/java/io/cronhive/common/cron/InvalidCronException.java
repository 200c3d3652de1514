package io.cronhive.common.cron;

/** A cron expression or time zone that cannot be used; {@link #field()} names the offending input. */
public class InvalidCronException extends IllegalArgumentException {

	private final String field;

	public InvalidCronException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** {@code cron} or {@code timeZone}. */
	public String field() {
		return this.field;
	}

}
