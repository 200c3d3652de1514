package io.cronhive.admin.runlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.cronhive.admin.web.NotFoundException;
import io.cronhive.common.dispatch.RunOutputChunk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where a run's output is at the moment it is asked for: the stored output once the run has finished, the
 * worker's output log while it is dispatched, nothing before.
 */
@Service
class RunOutputTail {

	// Bounds one answer from the stored output; the console asks again from nextOffset.
	static final int MAX_SLICE_BYTES = 256 * 1024;

	private final JdbcClient jdbc;

	private final WorkerOutputClient workers;

	RunOutputTail(JdbcClient jdbc, WorkerOutputClient workers) {
		this.jdbc = jdbc;
		this.workers = workers;
	}

	RunOutputSlice read(long runId, long offset) {
		Row run = this.jdbc.sql("""
				SELECT r.state, r.output, w.host, w.port FROM run_logs r
				LEFT JOIN workers w ON w.instance_id = r.worker_instance WHERE r.id = ?""")
			.param(runId)
			.query((rs, n) -> new Row(rs.getString("state"), rs.getString("output"), rs.getString("host"),
					(Integer) rs.getObject("port", Integer.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("run", runId));
		if (RunLog.FINISHED.equals(run.state())) {
			return stored(runId, offset, run.output());
		}
		if (!"dispatched".equals(run.state()) || run.host() == null || run.port() == null) {
			return new RunOutputSlice(runId, offset, offset, "", false, "pending", null);
		}
		if (!this.workers.enabled()) {
			throw new LiveOutputUnavailableException();
		}
		try {
			Optional<RunOutputChunk> chunk = this.workers.read(run.host(), run.port(), runId, offset);
			return chunk
				.map((c) -> new RunOutputSlice(runId, c.offset(), c.nextOffset(), c.data(), false, "worker", null))
				.orElseGet(() -> new RunOutputSlice(runId, offset, offset, "", false, "pending",
						"the worker has no output for this run yet"));
		}
		catch (IOException ex) {
			return new RunOutputSlice(runId, offset, offset, "", false, "unavailable",
					"worker " + run.host() + ":" + run.port() + " did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new RunOutputSlice(runId, offset, offset, "", false, "unavailable", "interrupted");
		}
	}

	private static RunOutputSlice stored(long runId, long offset, String output) {
		byte[] bytes = (output != null) ? output.getBytes(StandardCharsets.UTF_8) : new byte[0];
		int start = (int) Math.min(Math.max(offset, 0), bytes.length);
		int end = Math.min(bytes.length, start + MAX_SLICE_BYTES);
		String data = new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8);
		return new RunOutputSlice(runId, start, end, data, end == bytes.length, "stored", null);
	}

	private record Row(String state, String output, String host, Integer port) {
	}

}
