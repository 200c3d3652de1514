package io.cronhive.worker.run;

import io.cronhive.common.dispatch.RunRequest;

/**
 * A run being executed: what was asked, when it started, and how to stop it. Kill requests and the timeout
 * can arrive before the executor has something to kill, so the reason is kept and applied on registration.
 */
final class ActiveRun {

	private final RunRequest request;

	private volatile long startedAtMs;

	private Runnable killHook;

	private String killReason;

	private boolean timedOut;

	private volatile Object preparation;

	/** @param acceptedAtMs when the worker took it; the start time until it actually starts */
	ActiveRun(RunRequest request, long acceptedAtMs) {
		this.request = request;
		this.startedAtMs = acceptedAtMs;
	}

	RunRequest request() {
		return this.request;
	}

	/** What its executor prepared when it was accepted (see {@link JobExecutor#prepare}); may be null. */
	Object preparation() {
		return this.preparation;
	}

	void prepared(Object preparation) {
		this.preparation = preparation;
	}

	long startedAtMs() {
		return this.startedAtMs;
	}

	/** A run handed over ahead of its instant starts later than it was accepted. */
	void markStarted(long atMs) {
		this.startedAtMs = atMs;
	}

	/** Sets how to kill what the run started; runs it at once when a kill was already asked for. */
	synchronized void onKill(Runnable hook) {
		this.killHook = hook;
		if (this.killReason != null || this.timedOut) {
			hook.run();
		}
	}

	synchronized void kill(String reason) {
		if (this.killReason == null && !this.timedOut) {
			this.killReason = reason;
		}
		if (this.killHook != null) {
			this.killHook.run();
		}
	}

	synchronized void timeOut() {
		if (this.killReason == null) {
			this.timedOut = true;
		}
		if (this.killHook != null) {
			this.killHook.run();
		}
	}

	synchronized String killReason() {
		return this.killReason;
	}

	synchronized boolean timedOut() {
		return this.timedOut;
	}

}
