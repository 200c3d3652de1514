package io.cronhive.common.dispatch;

import java.util.List;

/**
 * Runs the leader hands to one worker at once, typically everything due at one instant for it. Each run is
 * judged on its own: one refused run does not refuse the others.
 *
 * @param runs the runs, each as it would be sent alone
 */
public record RunBatch(List<RunRequest> runs) {

	public RunBatch {
		runs = (runs != null) ? List.copyOf(runs) : List.of();
	}

}
