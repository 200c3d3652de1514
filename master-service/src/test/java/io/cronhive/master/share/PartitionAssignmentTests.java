package io.cronhive.master.share;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The coordinator's assignment: balanced, sticky, deterministic. */
class PartitionAssignmentTests {

	private static final int P = 128;

	@Test
	void nobodyLiveAssignsNothing() {
		assertThat(PartitionAssignment.assign(P, Map.of(0, "a", 1, "b"), List.of())).isEmpty();
	}

	@Test
	void noPartitionsAssignNothingAndANegativeCountIsRefused() {
		assertThat(PartitionAssignment.assign(0, Map.of(), List.of("a"))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionAssignment.assign(-1, Map.of(), List.of("a")));
	}

	@Test
	void fromScratchEveryPartitionGetsAMemberAndTheCeilingGoesToTheLowestIds() {
		Map<Integer, String> assignment = PartitionAssignment.assign(P, Map.of(), List.of("c", "a", "b"));

		assertThat(assignment.keySet()).containsExactlyElementsOf(range(P));
		// 128 = 3 * 42 + 2: with nobody holding anything the tie goes by instance id.
		assertThat(counts(assignment)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 43, "b", 43, "c", 42));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 5, 7, 8, 12, 13, 64, 100, 127, 128, 200 })
	void everyMemberGetsTheFloorOrTheCeilingWhateverItHeldBefore(int memberCount) {
		Random random = new Random(memberCount);
		List<String> members = members("m", memberCount);
		Map<Integer, String> lopsided = new HashMap<>();
		for (int p = 0; p < P; p++) {
			// Most partitions on a few members, some on masters that are gone, some on nobody.
			int pick = random.nextInt(10);
			lopsided.put(p, (pick < 6) ? members.get(pick % Math.min(3, memberCount)) : (pick < 8) ? "gone-" + pick : null);
		}

		Map<Integer, String> assignment = PartitionAssignment.assign(P, lopsided, members);

		assertThat(assignment.keySet()).containsExactlyElementsOf(range(P));
		assertThat(assignment.values()).allSatisfy((member) -> assertThat(members).contains(member));
		int floor = P / memberCount;
		int ceiling = floor + ((P % memberCount == 0) ? 0 : 1);
		Map<String, Integer> counts = counts(assignment);
		members.forEach((member) -> assertThat(counts.getOrDefault(member, 0)).as(member).isBetween(floor, ceiling));
	}

	@Test
	void anUnchangedMembershipKeepsEveryPartition() {
		List<String> members = members("m", 5);
		Map<Integer, String> first = PartitionAssignment.assign(P, Map.of(), members);

		assertThat(PartitionAssignment.assign(P, first, members)).isEqualTo(first);
	}

	@Test
	void aLeavingMemberMovesExactlyItsPartitionsAndNothingElse() {
		List<String> members = members("m", 5);
		Map<Integer, String> before = PartitionAssignment.assign(P, Map.of(), members);

		Map<Integer, String> after = PartitionAssignment.assign(P, before, List.of("m0", "m1", "m3", "m4"));

		for (int p = 0; p < P; p++) {
			if (before.get(p).equals("m2")) {
				assertThat(after.get(p)).isNotEqualTo("m2");
			}
			else {
				assertThat(after.get(p)).as("partition %d", p).isEqualTo(before.get(p));
			}
		}
		assertThat(counts(after).values()).containsOnly(32);
	}

	@Test
	void aJoiningMemberTakesItsShareAndNothingElseMoves() {
		List<String> three = members("m", 3);
		Map<Integer, String> before = PartitionAssignment.assign(P, Map.of(), three);

		Map<Integer, String> after = PartitionAssignment.assign(P, before, List.of("m0", "m1", "m2", "new"));

		List<Integer> moved = range(P).stream().filter((p) -> !after.get(p).equals(before.get(p))).toList();
		assertThat(moved).hasSize(32).allSatisfy((p) -> assertThat(after.get(p)).isEqualTo("new"));
		assertThat(counts(after).values()).containsOnly(32);
	}

	@Test
	void theMembersHoldingMostKeepTheCeiling() {
		// 10 = 3 * 3 + 1. c holds 5, b 4, a 1: c keeps the extra one, b and c give one up each, a takes two.
		Map<Integer, String> current = new HashMap<>();
		IntStream.range(0, 5).forEach((p) -> current.put(p, "c"));
		IntStream.range(5, 9).forEach((p) -> current.put(p, "b"));
		current.put(9, "a");

		Map<Integer, String> after = PartitionAssignment.assign(10, current, List.of("a", "b", "c"));

		assertThat(counts(after)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 3, "c", 4));
		assertThat(moves(current, after)).isEqualTo(2);
	}

	@Test
	void equalHoldingsShareTheCeilingByInstanceId() {
		// 10 = 3 * 3 + 1, and a and b hold four each: the ceiling goes to a whichever order they come in.
		Map<Integer, String> current = new HashMap<>();
		IntStream.range(0, 4).forEach((p) -> current.put(p, "b"));
		IntStream.range(4, 8).forEach((p) -> current.put(p, "a"));

		Map<Integer, String> after = PartitionAssignment.assign(10, current, List.of("c", "b", "a"));

		assertThat(counts(after)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 3, "c", 3));
		assertThat(moves(current, after)).as("b's one surplus and the two unassigned").isEqualTo(3);
	}

	@Test
	void aMemberOverQuotaKeepsThePartitionsThatScoreHighestWithIt() {
		Map<Integer, String> all = new HashMap<>();
		range(P).forEach((p) -> all.put(p, "a"));

		Map<Integer, String> after = PartitionAssignment.assign(P, all, List.of("a", "b"));

		long a = Rendezvous.member("a");
		List<Integer> byScore = new ArrayList<>(range(P));
		byScore.sort((x, y) -> Long.compare(Rendezvous.score(y, a), Rendezvous.score(x, a)));
		assertThat(after.entrySet().stream().filter((e) -> e.getValue().equals("a")).map(Map.Entry::getKey))
			.containsExactlyInAnyOrderElementsOf(byScore.subList(0, 64));
		// Not simply the lower or upper half: the partitions a member gives up are spread over the range.
		assertThat(byScore.subList(0, 64)).isNotEqualTo(range(64)).anyMatch((p) -> p < 64).anyMatch((p) -> p >= 64);
	}

	@Test
	void theSameInputsInAnyOrderGiveTheSameAssignment() {
		Random random = new Random(7);
		List<String> members = members("10.0.0.", 9);
		Map<Integer, String> current = new TreeMap<>();
		for (int p = 0; p < P; p++) {
			current.put(p, (random.nextInt(4) == 0) ? "gone" : members.get(random.nextInt(5)));
		}
		Map<Integer, String> expected = PartitionAssignment.assign(P, current, members);

		for (int round = 0; round < 20; round++) {
			List<String> shuffled = new ArrayList<>(members);
			Collections.shuffle(shuffled, random);
			shuffled.add(shuffled.get(0));
			List<Integer> keys = new ArrayList<>(current.keySet());
			Collections.shuffle(keys, random);
			Map<Integer, String> reordered = new LinkedHashMap<>();
			keys.forEach((p) -> reordered.put(p, current.get(p)));

			assertThat(PartitionAssignment.assign(P, reordered, shuffled)).isEqualTo(expected);
		}
	}

	@Test
	void staleAssigneesAndUnknownPartitionsAreIgnored() {
		Map<Integer, String> current = new HashMap<>();
		range(64).forEach((p) -> current.put(p, "a"));
		range(64).forEach((p) -> current.put(64 + p, "restarted-before"));
		current.put(500, "a");
		current.put(-3, "b");
		current.put(1, null);

		Map<Integer, String> after = PartitionAssignment.assign(P, current, List.of("a", "b"));

		assertThat(after.keySet()).containsExactlyElementsOf(range(P));
		assertThat(counts(after)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 64, "b", 64));
		// a keeps all 63 it still holds; partition 1, whose assignee was cleared, goes to either.
		assertThat(range(64)).filteredOn((p) -> p != 1).allSatisfy((p) -> assertThat(after.get(p)).isEqualTo("a"));
	}

	@Test
	void aHundredMembersAreAssignedWellUnderAMillisecond() {
		List<String> members = members("master-", 100);
		Map<Integer, String> current = PartitionAssignment.assign(P, Map.of(), members.subList(0, 7));
		long[] nanos = new long[2_000];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			PartitionAssignment.assign(P, current, members);
			nanos[i] = System.nanoTime() - start;
		}
		// The median of the second half, after the JIT: robust to a neighbour on this shared machine.
		long[] warm = Arrays.copyOfRange(nanos, 1_000, 2_000);
		Arrays.sort(warm);
		assertThat(warm[warm.length / 2]).isLessThan(1_000_000L);
	}

	static List<String> members(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + i).toList();
	}

	static Map<String, Integer> counts(Map<Integer, String> assignment) {
		return assignment.values().stream().collect(Collectors.toMap((m) -> m, (m) -> 1, Integer::sum));
	}

	static int moves(Map<Integer, String> before, Map<Integer, String> after) {
		return (int) after.entrySet().stream().filter((e) -> !e.getValue().equals(before.get(e.getKey()))).count();
	}

	private static List<Integer> range(int count) {
		return IntStream.range(0, count).boxed().toList();
	}

}
