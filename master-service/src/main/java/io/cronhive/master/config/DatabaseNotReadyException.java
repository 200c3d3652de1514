package io.cronhive.master.config;

/** The database is unreachable or has no cronhive schema; its message is the one line an operator reads. */
class DatabaseNotReadyException extends IllegalStateException {

	DatabaseNotReadyException(String message, Throwable cause) {
		super(message, cause);
	}

}
