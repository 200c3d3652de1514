package io.cronhive.admin.job;

import java.util.Map;

/** Sample job views for tests of other packages, which cannot build one from an entity. */
public final class JobViews {

	private JobViews() {
	}

	public static JobView sample(long id) {
		return new JobView(id, "0b7c3c84-8f3c-4a4c-9d7e-0d5f8b0a6a11", "nightly", null, null, null, "0 0 3 * * ?",
				"UTC", "shell", "echo hi", Map.of(), 0, 0, 10_000, false, "round_robin", "fire_once", "allow", null, "alice", 1L,
				1L, null, 3, "unknown", null, null, null, null, null, false, null, null, 0);
	}

}
