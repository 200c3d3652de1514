package io.cronhive.master.dispatch;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** The routing strategies by stored name; an unknown name falls back to round robin. */
final class Routings {

	private final Map<String, RoutingStrategy> byName;

	private final RoutingStrategy fallback;

	Routings(ToIntFunction<String> inFlightByInstance) {
		this.fallback = new RoundRobinRouting();
		this.byName = List.of(this.fallback, new RandomRouting(), new LeastBusyRouting(inFlightByInstance),
				new ConsistentHashRouting(), new FailoverRouting(), new BroadcastRouting())
			.stream()
			.collect(Collectors.toUnmodifiableMap(RoutingStrategy::name, Function.identity()));
	}

	RoutingStrategy forName(String name) {
		return (name != null) ? this.byName.getOrDefault(name, this.fallback) : this.fallback;
	}

}
