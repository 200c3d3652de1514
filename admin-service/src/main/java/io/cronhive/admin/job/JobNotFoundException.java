package io.cronhive.admin.job;

import io.cronhive.admin.web.NotFoundException;

/** A job id that names no job. */
class JobNotFoundException extends NotFoundException {

	JobNotFoundException(long id) {
		super("job", id);
	}

}
