package io.cronhive.admin.runlog;

import java.util.ArrayList;
import java.util.List;

import io.cronhive.admin.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a run's tree from {@code run_logs.parent_run_id}. Bounded, because a chain of dependencies can fan out
 * and a tree is for reading, not for exporting the history.
 */
@Service
class RunTrees {

	static final int MAX_NODES = 500;

	private static final int MAX_DEPTH = 50;

	private final RunLogRepository runs;

	private final JdbcClient jdbc;

	RunTrees(RunLogRepository runs, JdbcClient jdbc) {
		this.runs = runs;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	RunTreeView tree(long id) {
		RunLog run = this.runs.findById(id).orElseThrow(() -> new NotFoundException("run", id));
		RunLog root = run;
		for (int depth = 0; depth < MAX_DEPTH && root.getParentRunId() != null; depth++) {
			RunLog parent = this.runs.findById(root.getParentRunId()).orElse(null);
			if (parent == null) {
				break;
			}
			root = parent;
		}
		int[] budget = { MAX_NODES - 1 };
		RunTreeNode tree = node(root, 0, budget);
		return new RunTreeView(id, run.getParentRunId(), tree, budget[0] < 0, joinParents(run));
	}

	/** The parents' runs a join's run waited for, from the master's join bookkeeping. */
	private List<Long> joinParents(RunLog run) {
		if (!"join".equals(run.getTriggerKind())) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT a.parent_run_id FROM join_arrivals a JOIN run_logs r ON r.job_id = a.child_job_id "
					+ "AND r.instant_ms = a.instant_ms WHERE r.id = ? ORDER BY a.parent_run_id")
			.param(run.getId())
			.query(Long.class)
			.list();
	}

	private RunTreeNode node(RunLog run, int depth, int[] budget) {
		List<RunTreeNode> children = new ArrayList<>();
		if (depth < MAX_DEPTH) {
			for (RunLog child : this.runs.findByParentRunIdOrderByIdAsc(run.getId())) {
				if (budget[0]-- <= 0) {
					break;
				}
				children.add(node(child, depth + 1, budget));
			}
		}
		return new RunTreeNode(RunLogView.of(run), children);
	}

}
