package io.cronhive.master.share;

import java.util.Set;

/**
 * Told when this master's share changes. Called on the keeper's thread: implementations must return quickly.
 */
public interface ShareListener {

	/**
	 * @param share what is held now (empty: nothing, stop firing)
	 * @param gained partitions taken this round, under fresh epochs: their runs claimed under older epochs are
	 * waiting to be taken over
	 * @param lost partitions given up or expired: their runs must not be sent from here any more
	 */
	void onShareChanged(Share share, Set<Integer> gained, Set<Integer> lost);

}
