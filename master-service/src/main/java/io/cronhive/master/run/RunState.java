package io.cronhive.master.run;

/** Values of {@code run_logs.state}; the internal lifecycle next to the seed's status code. */
public final class RunState {

	/** A manual, retry or delayed run waiting for the leader to claim it. */
	public static final String REQUESTED = "requested";

	/** Claimed by a leader under its epoch; not yet sent. */
	public static final String CLAIMED = "claimed";

	/** Being sent or accepted by a worker. */
	public static final String DISPATCHED = "dispatched";

	/** Report applied, or could not be dispatched at all. */
	public static final String FINISHED = "finished";

	private RunState() {
	}

}
