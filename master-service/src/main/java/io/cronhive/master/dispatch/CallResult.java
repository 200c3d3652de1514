package io.cronhive.master.dispatch;

/**
 * How one attempt to hand a run to one worker ended.
 *
 * @param kind the outcome
 * @param detail what happened, for the run's message and logs
 */
record CallResult(Kind kind, String detail) {

	enum Kind {

		/** 202: the worker started it. */
		ACCEPTED,
		/** 200 with accepted=false: the worker already had this run id; it is running there, not twice. */
		ALREADY_KNOWN,
		/** 409: the worker has seen a newer epoch; this master is deposed. */
		STALE_EPOCH,
		/** No answer in time after the request was sent: the worker may be running it. */
		UNACKNOWLEDGED,
		/** Surely not running there (refused connection, 401, 5xx, breaker or bulkhead): try the next. */
		REFUSED,
		/**
		 * 429: the worker is alive and carries all it can. Back-pressure, not a fault: try the next, and when no
		 * candidate has room, hold the run and offer it again shortly.
		 */
		BUSY,
		/** 404 for the batch path: an older worker without batches; send the runs one by one instead. */
		BATCH_UNSUPPORTED

	}

	boolean accepted() {
		return this.kind == Kind.ACCEPTED || this.kind == Kind.ALREADY_KNOWN;
	}

}
