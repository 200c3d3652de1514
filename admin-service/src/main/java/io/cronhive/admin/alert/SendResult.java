package io.cronhive.admin.alert;

/**
 * How one attempt went.
 *
 * @param detail what the receiver answered, or why it failed; never a secret
 */
record SendResult(boolean ok, String detail) {

	static SendResult ok(String detail) {
		return new SendResult(true, detail);
	}

	static SendResult failed(String detail) {
		return new SendResult(false, detail);
	}

}
