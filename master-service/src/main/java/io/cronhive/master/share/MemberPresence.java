package io.cronhive.master.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cronhive.master.leader.LeaderPresence;
import io.cronhive.master.leader.PresenceLock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every master holds a presence lock of its own from before its first heartbeat until its process ends, so the
 * leader can tell a master that was killed from one that is merely slow: the lock is freed the moment the
 * master's database session ends, long before its partition leases run out. Only with MySQL/MariaDB; on H2
 * the leader waits for the leases to expire.
 */
public class MemberPresence implements AutoCloseable {

	private final PresenceLock own;

	private final JdbcClient jdbc;

	public MemberPresence(LeaderPresence.UnpooledConnections connections, JdbcClient jdbc, String holder) {
		this.own = new PresenceLock(connections, lockName(holder), "master " + holder);
		this.jdbc = jdbc;
	}

	private MemberPresence() {
		this.own = null;
		this.jdbc = null;
	}

	/** No presence locks (H2): nobody is ever seen gone before its leases expire. */
	public static MemberPresence none() {
		return new MemberPresence();
	}

	public boolean supported() {
		return this.own != null;
	}

	/** Takes this master's lock, or checks now and then that it still has it. */
	public boolean hold() {
		return supported() && this.own.hold();
	}

	/** Of these members, those whose lock no session holds: their processes are gone. */
	public Set<String> gone(Collection<String> members) {
		Set<String> gone = new LinkedHashSet<>();
		if (!supported()) {
			return gone;
		}
		if (members.isEmpty()) {
			return gone;
		}
		// One statement for all of them: the leader asks every round.
		List<String> asked = List.copyOf(members);
		String columns = asked.stream().map((member) -> "IS_USED_LOCK(" + lockName(member) + ") IS NULL")
			.collect(Collectors.joining(", "));
		this.jdbc.sql("SELECT " + columns).query((rs) -> {
			for (int i = 0; i < asked.size(); i++) {
				if (rs.getBoolean(i + 1)) {
					gone.add(asked.get(i));
				}
			}
		});
		return gone;
	}

	@Override
	public void close() {
		if (supported()) {
			this.own.release();
		}
	}

	// Named locks are server-wide and at most 64 characters: per database, the holder hashed into a literal.
	private static String lockName(String holder) {
		return "CONCAT('cronhive:m:', SHA1(CONCAT(DATABASE(), ':', '" + sha1(holder) + "')))";
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java runtime", ex);
		}
	}

}
