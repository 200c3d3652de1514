package io.cronhive.master.dependency;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import io.cronhive.common.job.RunOutcome;
import io.cronhive.master.run.RunFinishHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Creates the runs a finished run's dependents owe it, in the transaction that records its final status: a
 * parent's finish and its children's requests commit together, whichever replica applied the report, so a leader
 * dying in between loses none and repeats none. Children are requested runs; the leader claims and fires them
 * like manual runs.
 */
@Component
class DependentRuns implements RunFinishHook {

	private static final Logger logger = LoggerFactory.getLogger(DependentRuns.class);

	private final DependencyStore store;

	private final Clock clock;

	DependentRuns(DependencyStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public void finished(Collection<Long> runIds) {
		List<FinishedParent> parents = this.store.parentsOf(runIds);
		long now = this.clock.millis();
		for (FinishedParent parent : parents) {
			if (!parent.isFinal()) {
				continue;
			}
			if (parent.join()) {
				join(parent, now);
			}
			else if (parent.condition().matches(parent.outcome()) && this.store.requestChild(parent, now)) {
				logger.info("Run {} of job {} ended {}: requested job {} ({})", parent.runId(), parent.jobId(),
						parent.parentStatus(), parent.childJobId(), parent.condition().wireName());
			}
		}
	}

	private void join(FinishedParent parent, long now) {
		JoinWindow join = new JoinWindow(parent.childJobId(), parent.instantMs(), parent.joinTimeoutMs());
		if (!this.store.lockOpen(join, now)) {
			return;
		}
		if (parent.outcome() != RunOutcome.OK) {
			this.store.failJoin(join, parent.runId(), "join failed: run " + parent.runId() + " of parent job "
					+ parent.jobId() + " failed", now);
			this.store.close(join);
			logger.info("Join of job {} at {} failed: run {} of job {} failed", join.childJobId(), join.instantMs(),
					parent.runId(), parent.jobId());
			return;
		}
		this.store.arrive(join, parent.jobId(), parent.runId(), now);
		List<Long> missing = JoinWindow.missing(this.store.joinParents(join.childJobId()), this.store.arrived(join));
		if (!missing.isEmpty()) {
			return;
		}
		if (join.expiredAt(now)) {
			this.store.failJoin(join, parent.runId(), "join timed out: the last parent succeeded "
					+ (now - join.instantMs()) + " ms after the instant, over the " + join.timeoutMs() + " ms allowed",
					now);
		}
		else if (this.store.requestJoin(join, parent.runId(), now)) {
			logger.info("Join of job {} at {} complete with run {} of job {}: requested", join.childJobId(),
					join.instantMs(), parent.runId(), parent.jobId());
		}
		this.store.close(join);
	}

}
