package io.cronhive.admin.runlog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A run with its captured output, for {@code GET /v1/scheduler-logs/{id}}.
 *
 * @param output what the worker captured, up to its size cap
 * @param outputTruncated whether the cap cut it
 */
record RunLogDetail(@JsonUnwrapped RunLogView run, String workerInstance, String output, boolean outputTruncated) {

}
