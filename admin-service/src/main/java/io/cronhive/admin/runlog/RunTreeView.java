package io.cronhive.admin.runlog;

import java.util.List;

/**
 * {@code GET /v1/scheduler-logs/{id}/tree}: the tree a run belongs to, from the run that started it all down to
 * every run it caused, so the console can show the asked-for run among its parents and children.
 *
 * @param runId the run asked for
 * @param parentRunId its parent run, or null
 * @param root the topmost ancestor (the run itself when it has no parent) with its descendants
 * @param truncated whether the tree was cut at {@link RunTrees#MAX_NODES} runs
 * @param joinParentRunIds for a join's run, the run of each parent that succeeded for its instant (the tree shows
 * it under the last of them only); otherwise empty
 */
record RunTreeView(long runId, Long parentRunId, RunTreeNode root, boolean truncated, List<Long> joinParentRunIds) {
}
