package io.cronhive.master.dispatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Worker group membership as admin-service stores it: explicit members (a worker is its (srvName, name)) and
 * member tags ("every worker with tag X", including workers that appear later). Reloaded every few seconds.
 */
@Component
class WorkerGroups {

	private static final long CACHE_MS = 2000;

	private final JdbcClient jdbc;

	private volatile Membership membership;

	WorkerGroups(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the worker belongs to the group, by name or by tag. */
	boolean contains(long groupId, WorkerInstance worker) {
		Membership current = current();
		Set<String> members = current.members().getOrDefault(groupId, Set.of());
		if (members.contains(key(worker.serviceId(), worker.workerName()))) {
			return true;
		}
		return worker.tag() != null && current.tags().getOrDefault(groupId, Set.of()).contains(worker.tag());
	}

	private Membership current() {
		Membership current = this.membership;
		long now = System.nanoTime() / 1_000_000;
		if (current != null && now - current.readAtMs() < CACHE_MS) {
			return current;
		}
		Map<Long, Set<String>> members = new HashMap<>();
		this.jdbc
			.sql("SELECT m.group_id, w.srv_name, w.name FROM worker_group_members m JOIN workers w ON w.id = m.worker_id")
			.query((rs) -> {
				members.computeIfAbsent(rs.getLong(1), (k) -> new HashSet<>()).add(key(rs.getString(2), rs.getString(3)));
			});
		Map<Long, Set<String>> tags = new HashMap<>();
		this.jdbc.sql("SELECT group_id, tag FROM worker_group_tags").query((rs) -> {
			tags.computeIfAbsent(rs.getLong(1), (k) -> new HashSet<>()).add(rs.getString(2));
		});
		this.membership = new Membership(members, tags, now);
		return this.membership;
	}

	private static String key(String srvName, String name) {
		return srvName.toLowerCase(Locale.ROOT) + "\n" + name;
	}

	private record Membership(Map<Long, Set<String>> members, Map<Long, Set<String>> tags, long readAtMs) {
	}

}
