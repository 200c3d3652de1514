package io.cronhive.admin.web;

import java.time.Instant;

/**
 * The instants the API accepts: years 1 to 9999. Beyond them an instant no longer fits Unix milliseconds (the
 * unit every time column holds) or a calendar computation, and the failure would surface as a server error.
 */
public final class Instants {

	static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

	private Instants() {
	}

	/** The instant itself, or a 400 naming the field when it is out of range; null stays null. */
	public static Instant inRange(String field, Instant value) {
		if (value != null && (value.isBefore(MIN) || value.isAfter(MAX))) {
			throw new InvalidRequestException(field, "must be between " + MIN + " and " + MAX);
		}
		return value;
	}

}
