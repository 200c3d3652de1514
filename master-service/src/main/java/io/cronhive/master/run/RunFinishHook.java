package io.cronhive.master.run;

import java.util.Collection;

/**
 * Told which runs reached their final status, inside the transaction that recorded it: whatever must follow a
 * finished run exactly once (a job dependency's child run) commits or rolls back with the finish itself, so
 * no master can die between the two. An interface so that {@code run} need not know the features built on it.
 */
public interface RunFinishHook {

	/** Does nothing: for stores built without the dependency feature (tests). */
	RunFinishHook NONE = (runIds) -> {
	};

	/** Called with the ids of runs this transaction finished; runs in it, so it must not swallow a failure. */
	void finished(Collection<Long> runIds);

}
