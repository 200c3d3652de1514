package io.cronhive.admin.job;

/** Strong ETags carry the entity version: {@code "3"}. */
final class ETags {

	private ETags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/** Whether an If-Match value (possibly a list, possibly weak) names this version; {@code *} matches any. */
	static boolean matches(String ifMatch, long version) {
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*")) {
				return true;
			}
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals(of(version)) || tag.equals(Long.toString(version))) {
				return true;
			}
		}
		return false;
	}

}
