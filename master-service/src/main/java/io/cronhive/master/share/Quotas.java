package io.cronhive.master.share;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How many partitions each member should hold: the floor of partitions / members for all, one more for as
 * many as the remainder. The extra ones go to the members holding most already, since a member given the
 * ceiling keeps one partition it would otherwise give up.
 */
final class Quotas {

	private Quotas() {
	}

	/**
	 * The quota of every member.
	 * @param partitionCount how many partitions there are
	 * @param held how many each member holds now, members in id order (which breaks ties between equals)
	 * @return each member's quota, in the same order, adding up to {@code partitionCount}
	 */
	static int[] of(int partitionCount, int[] held) {
		int members = held.length;
		int[] quota = new int[members];
		Arrays.fill(quota, partitionCount / members);
		IntStream.range(0, members)
			.boxed()
			.sorted(Comparator.comparingInt((Integer i) -> held[i]).reversed().thenComparing(Comparator.naturalOrder()))
			.limit(partitionCount % members)
			.forEach((i) -> quota[i]++);
		return quota;
	}

}
