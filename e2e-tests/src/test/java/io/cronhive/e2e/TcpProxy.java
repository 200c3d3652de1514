package io.cronhive.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy between the services and a dependency (the database), so a test can take the dependency away the
 * way a network does: {@link #pause()} stops every byte in both directions and holds new connections unanswered
 * (a black hole, not a refusal), {@link #sever()} closes every connection it carries, {@link #resume()} lets
 * bytes and held connections through again. Listens on an ephemeral port of 127.0.0.1 only.
 */
final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition open = this.lock.newCondition();

	private volatile boolean paused;

	private volatile boolean closed;

	private TcpProxy(InetSocketAddress target, ServerSocket server) {
		this.target = target;
		this.server = server;
	}

	/** Starts forwarding from an ephemeral port of 127.0.0.1 to {@code host:port}. */
	static TcpProxy start(String host, int port) throws IOException {
		ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), server);
		Thread.ofVirtual().name("tcp-proxy-accept").start(proxy::acceptLoop);
		return proxy;
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Stops forwarding bytes both ways and leaves new connections hanging until {@link #resume()}. */
	void pause() {
		this.paused = true;
	}

	/** Closes every connection carried so far; new ones are accepted (and held while paused). */
	void sever() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
	}

	/** Forwards again: bytes read while paused go on, held connections reach the target. */
	void resume() {
		this.lock.lock();
		try {
			this.paused = false;
			this.open.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				Thread.ofVirtual().name("tcp-proxy-connect").start(() -> connect(client));
			}
			catch (IOException ex) {
				// closed: the loop ends
			}
		}
	}

	private void connect(Socket client) {
		try {
			awaitOpen();
			Socket upstream = new Socket();
			this.sockets.add(upstream);
			upstream.connect(this.target, 5_000);
			upstream.setTcpNoDelay(true);
			client.setTcpNoDelay(true);
			Thread.ofVirtual().name("tcp-proxy-up").start(() -> pump(client, upstream));
			pump(upstream, client);
		}
		catch (IOException | InterruptedException ex) {
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read; (read = in.read(buffer)) != -1;) {
				// Bytes read while paused are held, not dropped: a partition that heals loses no data.
				awaitOpen();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// one side closed or was severed: close the other below
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void awaitOpen() throws InterruptedException, IOException {
		this.lock.lock();
		try {
			while (this.paused && !this.closed) {
				this.open.await();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (this.closed) {
			throw new IOException("proxy closed");
		}
	}

	private void closeQuietly(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		resume();
		this.server.close();
		sever();
	}

}
