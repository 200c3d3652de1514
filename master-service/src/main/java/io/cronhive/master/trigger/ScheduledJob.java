package io.cronhive.master.trigger;

import io.cronhive.master.run.JobSpec;

/**
 * A scheduled job as the planner reads it: its definition and its scheduling state.
 *
 * @param job the definition
 * @param notBefore Unix ms before which it must not fire, or null
 * @param nextFireAt the next slot to claim, or null (compute from now / notBefore)
 * @param revision bumped by admin-service on every start, stop or cron change
 */
record ScheduledJob(JobSpec job, Long notBefore, Long nextFireAt, long revision) {
}
