package io.cronhive.master.dispatch;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cronhive.common.job.JobType;
import io.cronhive.master.run.JobSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each routing strategy's first choice and failover order. */
class RoutingStrategyTests {

	private static final WorkerInstance A = worker("a");

	private static final WorkerInstance B = worker("b");

	private static final WorkerInstance C = worker("c");

	private static final List<WorkerInstance> ALL = List.of(A, B, C);

	@Test
	void roundRobinStartsOneFurtherEachRunAndKeepsTheOthersAsFailover() {
		RoundRobinRouting routing = new RoundRobinRouting();
		assertThat(routing.order(job(1), ALL)).containsExactly(A, B, C);
		assertThat(routing.order(job(1), ALL)).containsExactly(B, C, A);
		assertThat(routing.order(job(1), ALL)).containsExactly(C, A, B);
		assertThat(routing.order(job(2), ALL).get(0)).isEqualTo(A);
	}

	@Test
	void randomTriesEveryCandidateOnceAndSpreadsFirstChoices() {
		RandomRouting routing = new RandomRouting();
		Set<WorkerInstance> firsts = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			List<WorkerInstance> order = routing.order(job(1), ALL);
			assertThat(order).containsExactlyInAnyOrderElementsOf(ALL);
			firsts.add(order.get(0));
		}
		assertThat(firsts).containsExactlyInAnyOrder(A, B, C);
	}

	@Test
	void leastBusyPrefersTheWorkerWithFewestRunsInFlight() {
		Map<String, Integer> inFlight = Map.of("a", 5, "b", 0, "c", 2);
		LeastBusyRouting routing = new LeastBusyRouting((id) -> inFlight.getOrDefault(id, 0));
		assertThat(routing.order(job(1), ALL)).containsExactly(B, C, A);
	}

	@Test
	void consistentHashKeepsAJobOnOneWorkerAndMovesFewJobsWhenAWorkerLeaves() {
		ConsistentHashRouting routing = new ConsistentHashRouting();
		Map<Long, WorkerInstance> before = new HashMap<>();
		for (long id = 1; id <= 300; id++) {
			before.put(id, routing.order(job(id), ALL).get(0));
			assertThat(routing.order(job(id), ALL).get(0)).isEqualTo(before.get(id));
			assertThat(routing.order(job(id), ALL)).containsExactlyInAnyOrderElementsOf(ALL);
		}
		int moved = 0;
		for (long id = 1; id <= 300; id++) {
			WorkerInstance after = routing.order(job(id), List.of(A, B)).get(0);
			if (before.get(id) != C && after != before.get(id)) {
				moved++;
			}
		}
		assertThat(moved).isZero();
		assertThat(before.values()).contains(A, B, C);
	}

	@Test
	void failoverAlwaysChoosesTheFirstInStableOrder() {
		FailoverRouting routing = new FailoverRouting();
		assertThat(routing.order(job(1), List.of(C, A, B))).containsExactly(A, B, C);
		assertThat(routing.order(job(9), List.of(B, C))).containsExactly(B, C);
	}

	@Test
	void broadcastGoesToEveryCandidate() {
		BroadcastRouting routing = new BroadcastRouting();
		assertThat(routing.everyCandidate()).isTrue();
		assertThat(routing.order(job(1), ALL)).containsExactly(A, B, C);
	}

	@Test
	void unknownRoutingNameFallsBackToRoundRobin() {
		Routings routings = new Routings((id) -> 0);
		assertThat(routings.forName("nonsense").name()).isEqualTo("round_robin");
		assertThat(routings.forName("least_busy").name()).isEqualTo("least_busy");
		assertThat(routings.forName(null).name()).isEqualTo("round_robin");
	}

	static WorkerInstance worker(String id) {
		return new WorkerInstance(id, "srv", URI.create("http://" + id + ":8083"), "10.0.0." + id.length(), "w-" + id,
				null);
	}

	static JobSpec job(long id) {
		return new JobSpec(id, "uuid-" + id, "job-" + id, null, null, null, "* * * * * ?", "UTC", JobType.HTTP,
				"http://x", Map.of(), 0, 0, 1000, "round_robin", "fire_once", "allow", "u");
	}

}
