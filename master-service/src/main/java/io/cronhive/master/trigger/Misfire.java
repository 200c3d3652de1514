package io.cronhive.master.trigger;

/** A job's misfire policy (column {@code misfire}): what happens to slots missed while no master led. */
enum Misfire {

	/** Exactly one catch-up run now for all missed slots, then the schedule continues. */
	FIRE_ONCE,

	/** Missed slots are dropped; the schedule continues with the next future slot. */
	SKIP;

	static Misfire of(String stored) {
		return "skip".equals(stored) ? SKIP : FIRE_ONCE;
	}

}
