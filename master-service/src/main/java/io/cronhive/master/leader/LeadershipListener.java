package io.cronhive.master.leader;

/**
 * Told when this replica starts and stops leading. Implementations start and stop the leader-only work
 * (planning, recovery, reaping); they must return quickly, since the elector calls them on its own thread.
 */
public interface LeadershipListener {

	/** This replica now leads under {@code epoch}; every slot write carries it. */
	void onElected(long epoch);

	/** This replica no longer leads under {@code epoch} (lost, expired or released): stop acting at once. */
	void onDeposed(long epoch);

}
