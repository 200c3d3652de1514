package io.cronhive.common.dispatch;

/**
 * A slice of a run's output for tailing: bytes from {@code offset} to {@code nextOffset}.
 *
 * @param runId the run
 * @param offset where this slice starts
 * @param nextOffset where the next request should start
 * @param data the text
 * @param finished whether the run has ended, so no more output will come
 */
public record RunOutputChunk(long runId, long offset, long nextOffset, String data, boolean finished) {
}
