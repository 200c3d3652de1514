package io.cronhive.admin.dependency;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGraphTests {

	private static Edge trigger(long parent, long child) {
		return new Edge(parent, child, Edge.TRIGGER, "success");
	}

	private static Edge join(long parent, long child) {
		return new Edge(parent, child, Edge.JOIN, "success");
	}

	@Test
	void childThatAlreadyTriggersTheJobClosesATwoJobCycle() {
		List<Edge> edges = List.of(trigger(2, 1));

		assertThat(DependencyGraph.proposed(edges, 1, List.of(2L), List.of()).cycleThrough(1)).contains(List.of(1L, 2L, 1L));
	}

	@Test
	void longCycleThroughJoinEdgesIsFoundWithItsPath() {
		// 1 triggers 2, 3 joins on 2, and 1 now wants to join on 3.
		List<Edge> edges = List.of(trigger(1, 2), join(2, 3));

		assertThat(DependencyGraph.proposed(edges, 1, List.of(2L), List.of(3L)).cycleThrough(1))
			.contains(List.of(1L, 2L, 3L, 1L));
	}

	@Test
	void diamondIsNotACycle() {
		// 1 triggers 2 and 3, 4 joins on both: the parent, two children and a join.
		List<Edge> edges = List.of(trigger(1, 2), trigger(1, 3), join(3, 4));

		assertThat(DependencyGraph.proposed(edges, 4, List.of(), List.of(2L, 3L)).cycleThrough(4)).isEmpty();
	}

	@Test
	void edgesTheJobOwnsAreReplacedNotAddedTo() {
		// 1 used to trigger 2 and 2 triggers 3; 1 now triggers only 3, and 3 triggering 1 would close 1 → 3 → 1.
		List<Edge> edges = List.of(trigger(1, 2), trigger(2, 3), trigger(3, 1));

		assertThat(DependencyGraph.proposed(edges, 1, List.of(), List.of()).cycleThrough(1)).isEmpty();
		assertThat(DependencyGraph.proposed(edges, 1, List.of(3L), List.of()).cycleThrough(1))
			.contains(List.of(1L, 3L, 1L));
	}

}
