package io.cronhive.admin.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A local webhook endpoint for the tests: records every call and answers the statuses it is told to, then 200. */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
				exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
				this.calls.add(new Call(exchange.getRequestURI().getPath(), headers, body));
			}
			Integer status = this.statuses.poll();
			byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders((status != null) ? status : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	void answerNext(int status) {
		this.statuses.add(status);
	}

	List<Call> calls(String path) {
		return this.calls.stream().filter((c) -> c.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Call(String path, Map<String, String> headers, String body) {
	}

}
