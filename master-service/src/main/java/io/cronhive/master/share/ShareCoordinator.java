package io.cronhive.master.share;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cronhive.common.dispatch.Partitions;
import io.cronhive.common.health.Watchdog;
import io.cronhive.common.log.LogStorm;
import io.cronhive.master.leader.LeaderElector;
import io.cronhive.master.leader.LeadershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's part in partitioned firing: every round it takes the live masters (a fresh heartbeat, and a
 * presence lock still held where the database has them), frees at once the partitions of a master whose
 * process is gone, and writes who should hold each partition ({@link PartitionAssignment}: balanced, and
 * moving only what must move). The masters themselves hand partitions over ({@link ShareKeeper}).
 */
public class ShareCoordinator implements LeadershipListener {

	private static final Logger logger = LoggerFactory.getLogger(ShareCoordinator.class);

	/** How many member windows a master holding its presence lock may go without a heartbeat. */
	private static final int PRESENT_MEMBER_WINDOWS = 10;

	private final PartitionLeases leases;

	private final MemberPresence presence;

	private final LeaderElector elector;

	private final Duration interval;

	private final Duration memberWindow;

	private final Watchdog watchdog;

	private final LogStorm failures = new LogStorm(Duration.ofSeconds(10));

	private ScheduledExecutorService executor;

	/**
	 * @param memberWindow how old a master's last heartbeat may be for it to count as a member
	 */
	public ShareCoordinator(PartitionLeases leases, MemberPresence presence, LeaderElector elector, Duration interval,
			Duration memberWindow, Watchdog watchdog) {
		this.leases = leases;
		this.presence = presence;
		this.elector = elector;
		this.interval = interval;
		this.memberWindow = memberWindow;
		this.watchdog = watchdog;
	}

	@Override
	public synchronized void onElected(long epoch) {
		stopRounds();
		this.executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("share-coordinator-" + epoch).daemon().factory());
		this.executor.scheduleWithFixedDelay(this.watchdog.guard("partition assignment", () -> {
			if (this.elector.isLeading(epoch)) {
				coordinateSafely();
			}
		}), 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void onDeposed(long epoch) {
		stopRounds();
	}

	private void stopRounds() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	/** One round. Package-private for tests. */
	void coordinate() {
		List<PartitionLeases.Row> rows = this.leases.read();
		// Where presence locks tell a live process from a dead one, a master whose heartbeat is merely late (a
		// long pause, a busy pool) keeps its share; the heartbeat then only has to show it exists.
		Duration window = this.presence.supported() ? this.memberWindow.multipliedBy(PRESENT_MEMBER_WINDOWS)
				: this.memberWindow;
		Set<String> candidates = new LinkedHashSet<>(this.leases.recentMembers(window));
		Set<String> holders = new LinkedHashSet<>();
		for (PartitionLeases.Row row : rows) {
			if (row.live() && row.holder() != null) {
				holders.add(row.holder());
			}
		}
		Set<String> everyone = new LinkedHashSet<>(candidates);
		everyone.addAll(holders);
		Set<String> gone = this.presence.gone(everyone);
		for (String member : gone) {
			if (holders.contains(member)) {
				int freed = this.leases.expireHolder(member);
				logger.warn("Master {} is gone (its database session ended): freed its {} partition(s) before their "
						+ "leases ran out", member, freed);
			}
		}
		candidates.removeAll(gone);
		if (candidates.isEmpty()) {
			return;
		}
		Map<Integer, String> current = new HashMap<>();
		rows.forEach((row) -> {
			if (row.assignedTo() != null) {
				current.put(row.partition(), row.assignedTo());
			}
		});
		Map<Integer, String> target = PartitionAssignment.assign(Partitions.COUNT, current, candidates);
		Map<Integer, String> changes = new TreeMap<>();
		target.forEach((partition, member) -> {
			if (!member.equals(current.get(partition))) {
				changes.put(partition, member);
			}
		});
		if (changes.isEmpty()) {
			return;
		}
		this.leases.assign(changes);
		Map<String, Integer> shares = new TreeMap<>();
		target.values().forEach((member) -> shares.merge(member, 1, Integer::sum));
		logger.info("Moved {} partition(s) over {} master(s); shares now {}", changes.size(), candidates.size(), shares);
	}

	private void coordinateSafely() {
		try {
			coordinate();
		}
		catch (RuntimeException ex) {
			LogStorm.Line line = this.failures.occurred(ex.getClass().getName());
			if (line != null) {
				logger.warn("Partition assignment round failed{}: {}",
						(line.count() > 1) ? " " + line.count() + " times" : "", ex.getMessage());
			}
		}
	}

}
