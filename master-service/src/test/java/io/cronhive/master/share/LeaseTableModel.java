package io.cronhive.master.share;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scheduler_partitions} in memory, with the masters that use it: enough of the handoff protocol to see
 * whether an assignment change can ever leave a partition fired by two masters. Each master keeps its own
 * belief of what it fires, as a real one does between statements; the table changes only by the conditional
 * updates the masters issue.
 */
final class LeaseTableModel {

	private final String[] holder;

	private final long[] epoch;

	private final String[] assignedTo;

	// What each live master believes it holds and fires; a dead master's belief dies with it.
	private final Map<String, Set<Integer>> firing = new HashMap<>();

	private long lastEpoch;

	private int acquisitions;

	LeaseTableModel(int partitions) {
		this.holder = new String[partitions];
		this.epoch = new long[partitions];
		this.assignedTo = new String[partitions];
	}

	/** A master is live (nothing changes for one that already was). */
	void live(String member) {
		this.firing.putIfAbsent(member, new HashSet<>());
	}

	/** A master died: its presence lock is seen free, so its partitions are freed at once. */
	void die(String member) {
		this.firing.remove(member);
		for (int p = 0; p < this.holder.length; p++) {
			if (member.equals(this.holder[p])) {
				this.holder[p] = null;
			}
		}
		checkNoPartitionHeldTwice();
	}

	/** The coordinator writes {@code assigned_to}. */
	void assign(Map<Integer, String> assignment) {
		assignment.forEach((p, member) -> this.assignedTo[p] = member);
	}

	/**
	 * One round of 250 ms: every master reads the table at its start, then acts in the given order, each
	 * statement conditional as in SQL. After every statement the invariant is checked.
	 */
	void tick(List<String> order) {
		String[] seenAssigned = this.assignedTo.clone();
		String[] seenHolder = this.holder.clone();
		for (String member : order) {
			Set<Integer> mine = this.firing.get(member);
			for (Integer p : new ArrayList<>(mine)) {
				if (!member.equals(seenAssigned[p])) {
					// Stop firing first (the send fence refuses the partition from here), then release.
					mine.remove(p);
					if (member.equals(this.holder[p])) {
						this.holder[p] = null;
					}
					checkNoPartitionHeldTwice();
				}
			}
			for (int p = 0; p < this.holder.length; p++) {
				if (member.equals(seenAssigned[p]) && seenHolder[p] == null) {
					acquire(member, p);
					checkNoPartitionHeldTwice();
				}
			}
		}
	}

	// UPDATE ... SET holder = me, epoch = next WHERE partition_no = p AND holder IS NULL AND assigned_to = me
	private void acquire(String member, int p) {
		if (this.holder[p] == null && member.equals(this.assignedTo[p])) {
			long next = ++this.lastEpoch;
			assertThat(next).as("epoch of partition %d", p).isGreaterThan(this.epoch[p]);
			this.holder[p] = member;
			this.epoch[p] = next;
			this.firing.get(member).add(p);
			this.acquisitions++;
		}
	}

	void checkNoPartitionHeldTwice() {
		int[] firers = new int[this.holder.length];
		this.firing.forEach((member, partitions) -> partitions.forEach((p) -> {
			firers[p]++;
			assertThat(this.holder[p]).as("holder of partition %d fired by %s", p, member).isEqualTo(member);
		}));
		assertThat(Arrays.stream(firers).max().orElse(0)).as("masters firing one partition").isLessThanOrEqualTo(1);
	}

	/** Every partition held, and fired, by its assignee. */
	boolean settled() {
		for (int p = 0; p < this.holder.length; p++) {
			if (this.assignedTo[p] == null || !this.assignedTo[p].equals(this.holder[p])
					|| !this.firing.get(this.holder[p]).contains(p)) {
				return false;
			}
		}
		return true;
	}

	boolean fires(String member, int partition) {
		return this.firing.containsKey(member) && this.firing.get(member).contains(partition);
	}

	int acquisitions() {
		return this.acquisitions;
	}

}
