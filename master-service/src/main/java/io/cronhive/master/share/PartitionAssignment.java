package io.cronhive.master.share;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which master should hold each partition, as the coordinator computes it from the live members and the
 * current {@code assigned_to}. Balanced (every member gets the floor or the ceiling of partitions / members)
 * and sticky: only the partitions that must move do (those of members that left, and those a member holds
 * beyond its quota), because every move is a handoff during which the partition's runs wait. Choices among
 * equals go by {@link Rendezvous rendezvous} score, so the answer depends on the inputs' contents only, never
 * on their iteration order.
 */
public final class PartitionAssignment {

	private static final int UNASSIGNED = -1;

	private PartitionAssignment() {
	}

	/**
	 * Assign every partition to a live member, moving as few as balance allows.
	 * @param partitionCount how many partitions there are (numbered from 0)
	 * @param current each partition's assignee now (absent, null or a non-member: unassigned)
	 * @param members the live masters (instance ids, duplicates count once); empty means nobody: answer an
	 * empty map
	 * @return every partition's assignee, in partition order
	 */
	public static Map<Integer, String> assign(int partitionCount, Map<Integer, String> current,
			Collection<String> members) {
		if (partitionCount < 0) {
			throw new IllegalArgumentException("partitionCount must not be negative: " + partitionCount);
		}
		// Sorted so that indexes, and ties between equals, are the same on every master.
		List<String> live = members.stream().distinct().sorted().toList();
		if (live.isEmpty() || partitionCount == 0) {
			return Map.of();
		}
		Map<String, Integer> index = new HashMap<>();
		long[] hashes = new long[live.size()];
		for (int i = 0; i < live.size(); i++) {
			index.put(live.get(i), i);
			hashes[i] = Rendezvous.member(live.get(i));
		}
		int[] owner = new int[partitionCount];
		List<List<Integer>> held = new ArrayList<>();
		live.forEach((member) -> held.add(new ArrayList<>()));
		for (int p = 0; p < partitionCount; p++) {
			String assignee = current.get(p);
			Integer i = (assignee != null) ? index.get(assignee) : null;
			owner[p] = (i != null) ? i : UNASSIGNED;
			if (i != null) {
				held.get(i).add(p);
			}
		}
		int[] quota = Quotas.of(partitionCount, held.stream().mapToInt(List::size).toArray());
		// A member over its quota keeps the partitions that score highest with it and frees the rest.
		for (int i = 0; i < live.size(); i++) {
			List<Integer> own = held.get(i);
			if (own.size() > quota[i]) {
				long member = hashes[i];
				own.sort(Comparator.comparingLong((Integer p) -> Rendezvous.score(p, member)).reversed()
					.thenComparing(Comparator.naturalOrder()));
				own.subList(quota[i], own.size()).forEach((p) -> owner[p] = UNASSIGNED);
				own.subList(quota[i], own.size()).clear();
			}
		}
		// A free partition goes to the member under quota that scores it highest.
		int[] count = held.stream().mapToInt(List::size).toArray();
		for (int p = 0; p < partitionCount; p++) {
			if (owner[p] == UNASSIGNED) {
				owner[p] = bestUnderQuota(p, hashes, count, quota);
				count[owner[p]]++;
			}
		}
		Map<Integer, String> assignment = new TreeMap<>();
		for (int p = 0; p < partitionCount; p++) {
			assignment.put(p, live.get(owner[p]));
		}
		return Collections.unmodifiableMap(assignment);
	}

	private static int bestUnderQuota(int partition, long[] hashes, int[] count, int[] quota) {
		int best = UNASSIGNED;
		long bestScore = 0;
		for (int i = 0; i < hashes.length; i++) {
			if (count[i] < quota[i]) {
				long score = Rendezvous.score(partition, hashes[i]);
				// Members are in id order, so an (all but impossible) equal score goes to the lower id.
				if (best == UNASSIGNED || score > bestScore) {
					best = i;
					bestScore = score;
				}
			}
		}
		// The quotas add up to the partition count, so a free partition always finds room.
		return best;
	}

}
