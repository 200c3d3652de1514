package io.cronhive.admin.alert;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.PreconditionException;

/** The two ways a client says which version it edits, checked the same way as worker groups do. */
final class Versions {

	private Versions() {
	}

	static void check(String resource, long id, String ifMatch, Long bodyVersion, long current) {
		if (ifMatch != null && !ifMatch.trim().equals("*")
				&& !ifMatch.replace("W/", "").replace("\"", "").trim().equals(Long.toString(current))) {
			throw PreconditionException.failed(resource, id, ifMatch, current);
		}
		if (bodyVersion != null && bodyVersion != current) {
			throw ConflictException.staleVersion(resource, id, bodyVersion, current);
		}
	}

}
