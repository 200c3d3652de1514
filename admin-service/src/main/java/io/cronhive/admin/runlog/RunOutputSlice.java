package io.cronhive.admin.runlog;

/**
 * A slice of a run's output for {@code GET /v1/scheduler-logs/{id}/output?offset=N}: the console polls it with
 * {@code nextOffset} to tail a running run. Offsets count UTF-8 bytes, as the worker's output log does, so a tail
 * that started on the worker continues on the stored output once the run has finished.
 *
 * @param finished no more output will come
 * @param source {@code worker} (read live from the worker running it), {@code stored} (the run has ended and this
 * is the captured output), {@code pending} (not dispatched yet) or {@code unavailable} (the worker did not answer;
 * {@code message} says why)
 */
record RunOutputSlice(long runId, long offset, long nextOffset, String data, boolean finished, String source,
		String message) {

}
