package io.cronhive.admin.runlog;

import java.util.List;

/**
 * A run and the runs it caused: dependent jobs' runs, its retries, its broadcast copies.
 *
 * @param run the run
 * @param children the runs whose parent it is, oldest first
 */
record RunTreeNode(RunLogView run, List<RunTreeNode> children) {
}
