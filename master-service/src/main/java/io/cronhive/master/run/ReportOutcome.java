package io.cronhive.master.run;

/** What applying a worker's report did. */
public enum ReportOutcome {

	/** The run is now finished with this report. */
	APPLIED,

	/** The run had already finished; nothing changed (a repeated report). */
	ALREADY_APPLIED,

	/** No such run. */
	UNKNOWN_RUN

}
