package io.cronhive.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sent byte for byte as given: any method (CONNECT,
 * TRACE), a request target with malformed percent-escapes, wildcard content types. {@code java.net.http} refuses
 * all of these, which is exactly what a hostile client does not do.
 */
final class RawHttp {

	private final String host;

	private final int port;

	RawHttp(String baseUrl) {
		URI uri = URI.create(baseUrl);
		this.host = uri.getHost();
		this.port = uri.getPort();
	}

	Response send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
		try (Socket socket = new Socket(this.host, this.port)) {
			socket.setSoTimeout(20_000);
			StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: ").append(this.host).append(':').append(this.port).append("\r\n");
			head.append("Connection: close\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (body != null) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				if (body != null) {
					out.write(body);
				}
				out.flush();
			}
			catch (IOException ex) {
				// The server answered and closed before taking the whole body: read its answer all the same.
			}
			return read(socket.getInputStream());
		}
	}

	private static Response read(InputStream in) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				received.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// A reset after the answer (the server did not read an unwanted body): keep what arrived.
		}
		byte[] all = received.toByteArray();
		int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		if (end < 0) {
			return new Response(-1, Map.of(), new String(all, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ");
		if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
			return new Response(-1, Map.of(), new String(all, StandardCharsets.ISO_8859_1));
		}
		int status = Integer.parseInt(statusLine[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			rest = unchunk(rest);
		}
		return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < data.length) {
			int lineEnd = indexOf(java.util.Arrays.copyOfRange(data, at, data.length), new byte[] { '\r', '\n' });
			if (lineEnd < 0) {
				break;
			}
			String size = new String(data, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int length = Integer.parseInt(size, 16);
			if (length == 0) {
				break;
			}
			at += lineEnd + 2;
			out.write(data, at, Math.min(length, data.length - at));
			at += length + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i + pattern.length <= data.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** An answer; header names in lower case. */
	record Response(int status, Map<String, String> headers, String body) {

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

		boolean isProblem() {
			return contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json");
		}

	}

}
