package io.cronhive.master.share;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cronhive.common.dispatch.Partitions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of jobs and a cluster whose masters join, leave, crash in pairs and restart under new instance
 * ids: after every change the jobs stay balanced, only the partitions that must move do, and the handoff
 * through the lease table never lets two masters fire one partition.
 */
class PartitionAssignmentSimulationTests {

	private static final int P = Partitions.COUNT;

	private static final int STEPS = 300;

	private static final int MAX_MEMBERS = 8;

	// Both ticks of a handoff: the old holder releases in one, the assignee acquires in the same or the next.
	private static final int MAX_TICKS = 2;

	private final Random random = new Random(20261206);

	@Test
	void jobsStayBalancedMovesAreMinimalAndNoPartitionIsEverHeldTwice() {
		long[] jobsPerPartition = jobsPerPartition();
		long jobs = Arrays.stream(jobsPerPartition).sum();
		LeaseTableModel leases = new LeaseTableModel(P);
		List<String> members = new ArrayList<>();
		Map<Integer, String> assignment = Map.of();
		long moved = 0;
		long lowerBound = 0;
		double worstImbalance = 0;
		int[] events = new int[Event.values().length];
		for (int step = 0; step < STEPS; step++) {
			Event event = (step == 0) ? Event.JOIN : nextEvent(members.size());
			events[event.ordinal()]++;
			List<String> gone = change(event, members);
			gone.forEach(leases::die);
			Map<Integer, String> before = assignment;
			assignment = PartitionAssignment.assign(P, before, members);

			assertThat(sameWhateverTheOrder(before, members)).isEqualTo(assignment);
			assertBalanced(assignment, members, jobsPerPartition);
			long moves = moves(before, assignment);
			long bound = lowerBound(before, members);
			assertThat(moves).as("moves at step %d (%s)", step, event).isEqualTo(bound);
			moved += moves;
			lowerBound += bound;
			worstImbalance = Math.max(worstImbalance, imbalance(assignment, members, jobsPerPartition));
			handOff(leases, before, assignment, members, moves);
		}
		System.out.printf("Partition assignment simulation: %d steps over %,d jobs, 1..%d masters (%s); "
				+ "partitions moved %,d = lower bound %,d; worst imbalance %.1f %% of the mean; "
				+ "every handoff settled within %d ticks, no partition held twice%n", STEPS, jobs, MAX_MEMBERS,
				summary(events), moved, lowerBound, worstImbalance * 100, MAX_TICKS);
		assertThat(worstImbalance).isLessThanOrEqualTo(0.10);
	}

	private enum Event {

		JOIN, JOIN_TWO, LEAVE, LEAVE_TWO, RESTART

	}

	private Event nextEvent(int size) {
		while (true) {
			int pick = this.random.nextInt(100);
			Event event = (pick < 30) ? Event.JOIN : (pick < 40) ? Event.JOIN_TWO : (pick < 65) ? Event.LEAVE
					: (pick < 80) ? Event.LEAVE_TWO : Event.RESTART;
			int after = switch (event) {
				case JOIN -> size + 1;
				case JOIN_TWO -> size + 2;
				case LEAVE -> size - 1;
				case LEAVE_TWO -> size - 2;
				case RESTART -> size;
			};
			if (after >= 1 && after <= MAX_MEMBERS) {
				return event;
			}
		}
	}

	// Changes the membership; answers the members that died (their sessions ended).
	private List<String> change(Event event, List<String> members) {
		List<String> gone = new ArrayList<>();
		switch (event) {
			case JOIN -> members.add(newInstance());
			case JOIN_TWO -> {
				members.add(newInstance());
				members.add(newInstance());
			}
			case LEAVE -> gone.add(members.remove(this.random.nextInt(members.size())));
			case LEAVE_TWO -> {
				gone.add(members.remove(this.random.nextInt(members.size())));
				gone.add(members.remove(this.random.nextInt(members.size())));
			}
			case RESTART -> {
				// The process comes back on the same host under a fresh instance id (MasterIdentity).
				String old = members.remove(this.random.nextInt(members.size()));
				gone.add(old);
				members.add(old.substring(0, old.lastIndexOf('-') + 1) + String.format("%08x", this.random.nextInt()));
			}
		}
		return gone;
	}

	private String newInstance() {
		return "cronhive-master-" + this.random.nextInt(10) + "-" + String.format("%08x", this.random.nextInt());
	}

	// 16,000 job ids less a deleted block and a quarter deleted at random: partitions of uneven size.
	private long[] jobsPerPartition() {
		long[] jobs = new long[P];
		for (long id = 1; id <= 16_000; id++) {
			if ((id < 6_001 || id > 7_000) && this.random.nextInt(4) != 0) {
				jobs[Partitions.of(id)]++;
			}
		}
		return jobs;
	}

	private Map<Integer, String> sameWhateverTheOrder(Map<Integer, String> before, List<String> members) {
		List<String> shuffled = new ArrayList<>(members);
		Collections.shuffle(shuffled, this.random);
		List<Integer> keys = new ArrayList<>(before.keySet());
		Collections.shuffle(keys, this.random);
		Map<Integer, String> reordered = new LinkedHashMap<>();
		keys.forEach((p) -> reordered.put(p, before.get(p)));
		return PartitionAssignment.assign(P, reordered, shuffled);
	}

	private static void assertBalanced(Map<Integer, String> assignment, List<String> members, long[] jobsPerPartition) {
		assertThat(assignment.keySet()).hasSize(P);
		assertThat(members).containsAll(assignment.values());
		Map<String, Integer> counts = PartitionAssignmentTests.counts(assignment);
		members.forEach((m) -> assertThat(counts.getOrDefault(m, 0)).isBetween(P / members.size(),
				(P + members.size() - 1) / members.size()));
		assertThat(imbalance(assignment, members, jobsPerPartition)).as("jobs per master off the mean")
			.isLessThanOrEqualTo(0.10);
	}

	private static double imbalance(Map<Integer, String> assignment, List<String> members, long[] jobsPerPartition) {
		Map<String, Long> jobs = new HashMap<>();
		assignment.forEach((p, m) -> jobs.merge(m, jobsPerPartition[p], Long::sum));
		double mean = Arrays.stream(jobsPerPartition).sum() / (double) members.size();
		return members.stream().mapToDouble((m) -> Math.abs(jobs.getOrDefault(m, 0L) - mean) / mean).max().orElse(0);
	}

	private static long moves(Map<Integer, String> before, Map<Integer, String> after) {
		return PartitionAssignmentTests.moves(before, after);
	}

	// The fewest moves any balanced assignment needs: each member keeps at most its quota of what it holds,
	// and the ceiling is worth a partition only to a member holding more than the floor.
	private static long lowerBound(Map<Integer, String> before, List<String> members) {
		int floor = P / members.size();
		int ceilings = P % members.size();
		Map<String, Integer> held = PartitionAssignmentTests.counts(before);
		long kept = 0;
		int overFloor = 0;
		for (String member : members) {
			int h = held.getOrDefault(member, 0);
			kept += Math.min(h, floor);
			overFloor += (h > floor) ? 1 : 0;
		}
		return P - kept - Math.min(ceilings, overFloor);
	}

	// The coordinator writes the assignment; the masters tick until every partition is held by its assignee.
	private void handOff(LeaseTableModel leases, Map<Integer, String> before, Map<Integer, String> after,
			List<String> members, long moves) {
		members.forEach(leases::live);
		int acquiredBefore = leases.acquisitions();
		leases.assign(after);
		int ticks = 0;
		while (!leases.settled()) {
			assertThat(++ticks).as("ticks to settle").isLessThanOrEqualTo(MAX_TICKS);
			List<String> order = new ArrayList<>(members);
			Collections.shuffle(order, this.random);
			leases.tick(order);
			// A partition that stays with its assignee is fired throughout: nothing else moves.
			after.forEach((p, m) -> {
				if (m.equals(before.get(p))) {
					assertThat(leases.fires(m, p)).as("partition %d kept by %s", p, m).isTrue();
				}
			});
		}
		assertThat(leases.acquisitions() - acquiredBefore).as("handoffs").isEqualTo(moves);
	}

	private static String summary(int[] events) {
		List<String> parts = new ArrayList<>();
		for (Event event : Event.values()) {
			parts.add(events[event.ordinal()] + " " + event.name().toLowerCase().replace('_', ' '));
		}
		return String.join(", ", parts);
	}

}
