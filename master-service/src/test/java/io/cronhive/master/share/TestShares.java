package io.cronhive.master.share;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.cronhive.common.dispatch.Partitions;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests that play masters by hand: one holder takes every free partition at once, under one fresh epoch
 * (a real master draws one per partition; nothing depends on them differing).
 */
public final class TestShares {

	private final JdbcClient jdbc;

	public TestShares(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes every partition if none is held; answers the epoch, or empty when some other holder has them. */
	public OptionalLong tryAcquire(String holder, Duration ttl) {
		if (this.jdbc.sql("SELECT COUNT(*) FROM scheduler_partitions WHERE expires_at > CURRENT_TIMESTAMP(3)")
			.query(Long.class)
			.single() > 0) {
			return OptionalLong.empty();
		}
		this.jdbc.sql("UPDATE scheduler_epochs SET last_epoch = last_epoch + 1 WHERE id = 1").update();
		long epoch = this.jdbc.sql("SELECT last_epoch FROM scheduler_epochs WHERE id = 1").query(Long.class).single();
		this.jdbc.sql("UPDATE scheduler_partitions SET holder = ?, epoch = ?, assigned_to = ?, "
				+ "expires_at = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))")
			.params(holder, epoch, holder, ttl.toNanos() / 1000)
			.update();
		return OptionalLong.of(epoch);
	}

	/** Every partition under one epoch, as a master holding them all sees its share. */
	public static Share all(long epoch) {
		Map<Integer, Long> epochs = new HashMap<>();
		for (int partition = 0; partition < Partitions.COUNT; partition++) {
			epochs.put(partition, epoch);
		}
		return new Share(epochs);
	}

}
