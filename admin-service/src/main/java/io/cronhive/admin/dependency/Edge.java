package io.cronhive.admin.dependency;

/**
 * A stored dependency edge: the child runs after the parent (kind {@code trigger}, when {@code on} matches the
 * parent's outcome) or joins on it with other parents (kind {@code join}).
 */
record Edge(long parentJobId, long childJobId, String kind, String on) {

	static final String TRIGGER = "trigger";

	static final String JOIN = "join";

	boolean isJoin() {
		return JOIN.equals(this.kind);
	}

}
