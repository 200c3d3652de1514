package io.cronhive.worker.run;

/** What became of a dispatched run; the controller maps each case to the status the master expects. */
sealed interface AcceptResult {

	/** Started now: 202. */
	record Accepted() implements AcceptResult {
	}

	/** The run id was accepted before (maybe in an earlier life of the agent): 200, not run again. */
	record AlreadyKnown() implements AcceptResult {
	}

	/**
	 * The dispatching master was deposed: its epoch is lower than one already seen for the run's partition (or,
	 * without one, from a master of before partitions). 409.
	 * @param partition the run's partition, null from a master of before partitions
	 */
	record StaleEpoch(long epoch, long highestEpoch, Integer partition) implements AcceptResult {

		/** What the master is told; a master of before partitions gets the words it always got. */
		String detail() {
			return "epoch " + this.epoch + " is lower than " + this.highestEpoch + ", the highest this worker has seen"
					+ ((this.partition != null) ? " for partition " + this.partition : "");
		}

	}

	/**
	 * The agent carries all it can (run slots, its memory budget, or a heap still full after a collection):
	 * 429 with Retry-After, back-pressure, so the master tries the next worker or this one again shortly.
	 * @param detail which limit, for the master's log and the run's message
	 */
	record AtCapacity(String detail) implements AcceptResult {
	}

	/** The agent is draining for shutdown: 503. */
	record ShuttingDown() implements AcceptResult {
	}

	/**
	 * The run is another cluster's (another database's) than the runs still in flight here: 421. Run ids of two
	 * clusters overlap, so the agent switches clusters only when idle.
	 */
	record OtherCluster(String servedCluster, int runsInFlight) implements AcceptResult {
	}

}
