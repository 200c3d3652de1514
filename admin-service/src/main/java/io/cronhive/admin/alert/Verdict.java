package io.cronhive.admin.alert;

/**
 * What one observation means for one rule and subject.
 *
 * @param transition open an incident, fold the observation into the open one, resolve it, or nothing
 * @param text the incident's summary (open) or resolution (resolve)
 * @param streak the failures in a row after this observation (consecutive_failures), else the one given
 */
record Verdict(Transition transition, String text, int streak) {

	enum Transition {

		NONE, OPEN, FOLD, RESOLVE

	}

	static Verdict none(int streak) {
		return new Verdict(Transition.NONE, null, streak);
	}

}
