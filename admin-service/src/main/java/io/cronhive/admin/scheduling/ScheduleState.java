package io.cronhive.admin.scheduling;

/**
 * A job's scheduling state after a start or stop, as answered to the caller.
 *
 * @param changed whether this request changed it (false: it already was in the requested state)
 * @param notBefore Unix ms before which the job does not fire, or null
 * @param nextFireAt Unix ms of the next planned slot, null until the scheduler plans it
 */
record ScheduleState(long id, String jobId, String name, boolean scheduled, Long notBefore, Long nextFireAt,
		long revision, boolean changed) {

}
