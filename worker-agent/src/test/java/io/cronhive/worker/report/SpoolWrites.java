package io.cronhive.worker.report;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cronhive.common.dispatch.RunReport;

/** Spools a report and waits until it is durable: what a test needs before it looks at the spool. */
final class SpoolWrites {

	private SpoolWrites() {
	}

	/** @throws IOException when the report could not be spooled, as {@link ReportSpool#submit} tells it */
	static void write(ReportSpool spool, RunReport report) throws IOException {
		CompletableFuture<Exception> written = new CompletableFuture<>();
		spool.submit(report, written::complete);
		Exception failure;
		try {
			failure = written.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IOException("the report of run " + report.runId() + " was not written", ex);
		}
		if (failure != null) {
			throw new IOException("Cannot spool the report of run " + report.runId(), failure);
		}
	}

}
