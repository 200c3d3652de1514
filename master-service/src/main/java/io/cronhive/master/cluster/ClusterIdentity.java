package io.cronhive.master.cluster;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cluster's identity, made by admin-service's schema migration with the database. Every run, report and
 * kill carries it: run ids and leader epochs only mean something within one database, and a worker that served
 * a database since re-created (ids and epochs from 1 again) must see a new cluster, not repeats of runs it took
 * and a deposed leader.
 */
@Component
public class ClusterIdentity {

	private final JdbcClient jdbc;

	private volatile String id;

	@Autowired
	ClusterIdentity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private ClusterIdentity(String id) {
		this.jdbc = null;
		this.id = id;
	}

	/** An identity already known, without a database (tests, tools). */
	public static ClusterIdentity of(String id) {
		return new ClusterIdentity(id);
	}

	/**
	 * The identity, read once. Not at construction: the start waits for the database and its schema first
	 * (DatabaseReadiness), so the first read comes after that and finds the row.
	 */
	public String id() {
		String known = this.id;
		if (known == null) {
			known = this.jdbc.sql("SELECT cluster_id FROM cluster_identity WHERE id = 1").query(String.class).single();
			this.id = known;
		}
		return known;
	}

	/** Whether a worker's message came from a run of this cluster. */
	public boolean isThisCluster(String clusterId) {
		return id().equals(clusterId);
	}

}
