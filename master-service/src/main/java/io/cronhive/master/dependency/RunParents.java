package io.cronhive.master.dependency;

import java.util.Optional;

import io.cronhive.common.dispatch.RunParent;
import io.cronhive.common.job.RunOutcome;
import io.cronhive.master.run.ClaimedRun;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The parent run a dependent run is sent with. Read when the run is sent, not carried by the claim, so recovery
 * and the claim paths stay as they are; only dependency, join and retry runs cost a look-up.
 */
@Component
public class RunParents {

	private final JdbcClient jdbc;

	RunParents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The run that triggered {@code runId} (for a retry, the one that triggered its first attempt), or null. */
	public RunParent of(ClaimedRun run, long runId) {
		String kind = run.triggerKind();
		if (!"dependency".equals(kind) && !"join".equals(kind) && !"retry".equals(kind)) {
			return null;
		}
		long current = runId;
		for (int hop = 0; hop < 200; hop++) {
			Optional<Link> link = this.jdbc.sql("SELECT trigger_kind, parent_run_id FROM run_logs WHERE id = ?")
				.param(current)
				.query((rs, i) -> new Link(rs.getString(1), rs.getObject(2, Long.class)))
				.optional();
			if (link.isEmpty() || link.get().parentRunId() == null) {
				return null;
			}
			if (!"retry".equals(link.get().kind())) {
				return ("dependency".equals(link.get().kind()) || "join".equals(link.get().kind()))
						? parent(link.get().parentRunId()) : null;
			}
			current = link.get().parentRunId();
		}
		return null;
	}

	private RunParent parent(long parentRunId) {
		return this.jdbc.sql("SELECT job_uuid, result FROM run_logs WHERE id = ?")
			.param(parentRunId)
			.query((rs, i) -> {
				int result = rs.getInt(2);
				RunOutcome outcome = (!rs.wasNull() && result == RunOutcome.OK.code()) ? RunOutcome.OK
						: RunOutcome.FAILED;
				return new RunParent(parentRunId, rs.getString(1), FinishedParent.statusOf(outcome));
			})
			.optional()
			.orElse(null);
	}

	private record Link(String kind, Long parentRunId) {
	}

}
