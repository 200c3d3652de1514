package io.cronhive.admin.scheduling;

import java.util.List;

import io.cronhive.admin.web.NotFoundException;

/** Some requested jobs do not exist; nothing was changed. The problem lists them as {@code unknownIds}. */
class UnknownJobsException extends NotFoundException {

	UnknownJobsException(List<String> unknown) {
		super("no job has id or jobId " + String.join(", ", unknown) + "; nothing was changed");
		with("unknownIds", unknown);
	}

}
