package io.cronhive.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The proxy against a local echo server: forwards, holds bytes and new connections while paused, severs. */
class TcpProxyTests {

	private ServerSocket echo;

	private TcpProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::echoLoop);
		this.proxy = TcpProxy.start("127.0.0.1", this.echo.getLocalPort());
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.echo.close();
	}

	@Test
	void forwardsBothWays() throws IOException {
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
			assertThat(roundTrip(socket, "again")).isEqualTo("again");
		}
	}

	@Test
	void pauseHoldsBytesUntilResumeAndLosesNone() throws IOException {
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "before")).isEqualTo("before");
			this.proxy.pause();
			send(socket, "during");
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> read(socket, 6));
			this.proxy.resume();
			assertThat(read(socket, 6)).isEqualTo("during");
		}
	}

	@Test
	void pauseLeavesNewConnectionsUnansweredUntilResume() throws IOException {
		this.proxy.pause();
		try (Socket socket = connect()) {
			send(socket, "held");
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> read(socket, 4));
			this.proxy.resume();
			assertThat(read(socket, 4)).isEqualTo("held");
		}
	}

	@Test
	void severClosesCurrentConnectionsAndAcceptsNewOnes() throws IOException {
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "one")).isEqualTo("one");
			this.proxy.sever();
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "two")).isEqualTo("two");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.proxy.port());
		socket.setSoTimeout(500);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		send(socket, text);
		return read(socket, text.length());
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String read(Socket socket, int length) throws IOException {
		byte[] bytes = socket.getInputStream().readNBytes(length);
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	private void echoLoop() {
		while (!this.echo.isClosed()) {
			try {
				Socket socket = this.echo.accept();
				Thread.ofVirtual().start(() -> {
					try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
						in.transferTo(out);
					}
					catch (IOException ex) {
						// the test closed its side
					}
				});
			}
			catch (IOException ex) {
				// closed after the test
			}
		}
	}

}
