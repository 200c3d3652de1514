package io.cronhive.admin.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import io.cronhive.admin.web.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconciles the workers table with the registry every few seconds: every instance carrying the
 * {@code cronhive-role: worker} metadata is upserted by (srvName, name), the key master-service matches group
 * members by, and marked online; every other worker is marked offline; running counts the runs masters have
 * dispatched to it and not yet seen finish. Only live-state columns (and the tag
 * the host reports, which is what dispatch uses) are written, so an operator's concurrent edit is not lost.
 * Idempotent, so several admin replicas may run it at once.
 */
@Component
class WorkerRegistrySync {

	static final String ROLE_KEY = "cronhive-role";

	private static final Logger log = LoggerFactory.getLogger(WorkerRegistrySync.class);

	private final DiscoveryClient discovery;

	private final JdbcClient jdbc;

	private final Clock clock;

	WorkerRegistrySync(DiscoveryClient discovery, JdbcClient jdbc, Clock clock) {
		this.discovery = discovery;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cronhive.admin.worker-sync-interval}", initialDelayString = "${cronhive.admin.worker-sync-interval}")
	void sync() {
		try {
			apply(registeredWorkers());
		}
		catch (RuntimeException ex) {
			log.warn("Worker registry sync failed: {}", LogText.of(ex.getMessage()));
		}
	}

	List<RegisteredWorker> registeredWorkers() {
		List<RegisteredWorker> workers = new ArrayList<>();
		for (String service : this.discovery.getServices()) {
			for (ServiceInstance instance : this.discovery.getInstances(service)) {
				if ("worker".equals(instance.getMetadata().get(ROLE_KEY))) {
					workers.add(RegisteredWorker.of(instance));
				}
			}
		}
		return workers;
	}

	void apply(List<RegisteredWorker> registered) {
		long now = this.clock.millis();
		List<Long> seen = new ArrayList<>();
		for (RegisteredWorker worker : registered) {
			seen.add(upsert(worker, now));
		}
		String offline = "UPDATE workers SET online = FALSE WHERE online = TRUE"
				+ (seen.isEmpty() ? "" : " AND id NOT IN (:seen)");
		var statement = this.jdbc.sql(offline);
		int wentOffline = (seen.isEmpty() ? statement : statement.param("seen", seen)).update();
		if (wentOffline > 0) {
			log.info("{} worker(s) left the registry and are now offline", wentOffline);
		}
		countRunning();
	}

	/**
	 * Runs in flight per worker, as the masters record them (state dispatched, by registry instance id): one
	 * grouped read of the runs in flight, then a write for each worker whose figure changed. Two correlated
	 * counts per worker read every run in flight twice per worker, 430 ms a sync on the embedded database at
	 * 2,000 runs a second.
	 */
	private void countRunning() {
		Map<String, Long> running = new HashMap<>();
		this.jdbc.sql("SELECT worker_instance, COUNT(*) FROM run_logs WHERE state = 'dispatched' "
				+ "AND worker_instance IS NOT NULL GROUP BY worker_instance")
			.query((rs) -> {
				running.put(rs.getString(1), rs.getLong(2));
			});
		record Shown(long id, String instance, long running) {
		}
		List<Shown> shown = this.jdbc.sql("SELECT id, instance_id, running FROM workers WHERE instance_id IS NOT NULL")
			.query((rs, i) -> new Shown(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
		for (Shown worker : shown) {
			long now = running.getOrDefault(worker.instance(), 0L);
			if (now != worker.running()) {
				this.jdbc.sql("UPDATE workers SET running = ? WHERE id = ?").params(now, worker.id()).update();
			}
		}
	}

	private long upsert(RegisteredWorker w, long now) {
		String srvName = w.srvName().toLowerCase(Locale.ROOT);
		int updated = this.jdbc.sql("""
				UPDATE workers SET host = :host, tag = :tag, instance_id = :instance, port = :port, online = TRUE,
				last_heartbeat = :now WHERE srv_name = :srv AND name = :name""")
			.param("host", w.host()).param("tag", w.tag()).param("instance", w.instanceId()).param("port", w.port())
			.param("now", now).param("srv", srvName).param("name", w.name())
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("""
						INSERT INTO workers (name, host, srv_name, tag, instance_id, port, online, last_heartbeat,
						running, created_at, updated_at, version)
						VALUES (:name, :host, :srv, :tag, :instance, :port, TRUE, :now, 0, :now, :now, 0)""")
					.param("host", w.host()).param("tag", w.tag()).param("instance", w.instanceId()).param("port", w.port())
					.param("now", now).param("srv", srvName).param("name", w.name())
					.update();
				log.info("Worker '{}' of service {} at {} registered for the first time", LogText.of(w.name()),
						LogText.of(srvName), LogText.of(w.host()));
			}
			catch (DataIntegrityViolationException ex) {
				// Another admin replica inserted it a moment ago; its row is as good as ours.
			}
		}
		return this.jdbc.sql("SELECT id FROM workers WHERE srv_name = :srv AND name = :name")
			.param("srv", srvName).param("name", w.name())
			.query(Long.class)
			.single();
	}

}
