package io.cronhive.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The jobs' HTTP target in chaos tests: counts the calls per key ({@code /hit?key=...}), so a test can tell a
 * run that called twice from one that called once. Listens on an ephemeral port of 127.0.0.1.
 */
final class CallTarget implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private CallTarget(HttpServer server) {
		this.server = server;
	}

	static CallTarget start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		CallTarget target = new CallTarget(server);
		server.createContext("/hit", (exchange) -> {
			String query = exchange.getRequestURI().getRawQuery();
			String key = (query != null && query.startsWith("key=")) ? query.substring(4) : "?";
			target.calls.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, 2);
			exchange.getResponseBody().write("ok".getBytes());
			exchange.close();
		});
		server.start();
		return target;
	}

	/** The URL a job calls for {@code key}. */
	String url(String key) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hit?key=" + key;
	}

	int calls(String key) {
		AtomicInteger count = this.calls.get(key);
		return (count != null) ? count.get() : 0;
	}

	/** Keys called more than once. */
	List<String> calledTwice(String prefix) {
		return this.calls.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(prefix) && e.getValue().get() > 1)
			.map((e) -> e.getKey() + " x" + e.getValue().get())
			.sorted()
			.toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
