package io.cronhive.worker.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Receives a run's merged output. Every byte goes to the run's log file (up to the log limit) for tailing;
 * the report keeps the head and the tail within the output cap, because the first lines say what ran and the
 * last lines say why it failed. Synchronized: HTTP bodies arrive on client threads.
 */
public final class OutputCapture extends OutputStream {

	private final OutputStream log;

	private final Path logFile;

	private final long maxLogBytes;

	// Both grow on demand up to the cap: most runs print a few lines, and thousands of runs in flight must not
	// each hold the full cap.
	private final int headCap;

	private final int tailCap;

	private byte[] head = new byte[0];

	private byte[] tail = new byte[0];

	private int headLength;

	private long tailWritten;

	private long total;

	private boolean logBroken;

	OutputCapture(OutputStream log, Path logFile, int capBytes, long maxLogBytes) {
		this.log = log;
		this.logFile = logFile;
		this.maxLogBytes = maxLogBytes;
		this.headCap = capBytes - capBytes / 2;
		this.tailCap = capBytes / 2;
	}

	@Override
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) {
		long room = this.maxLogBytes - this.total;
		if (room > 0 && !this.logBroken) {
			try {
				this.log.write(bytes, offset, (int) Math.min(length, room));
				if (room <= length) {
					this.log.write(("\n[cronhive: log limit of " + this.maxLogBytes
							+ " bytes reached; further output dropped]\n").getBytes(StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// Keep draining the pipe (a blocked writer would hang the job); the report still gets the capture.
				this.logBroken = true;
			}
		}
		this.total += length;
		int toHead = Math.min(length, this.headCap - this.headLength);
		if (this.headLength + toHead > this.head.length) {
			int grown = Math.max(this.headLength + toHead, Math.max(256, this.head.length * 2));
			this.head = Arrays.copyOf(this.head, Math.min(this.headCap, grown));
		}
		System.arraycopy(bytes, offset, this.head, this.headLength, toHead);
		this.headLength += toHead;
		if (toHead < length && this.tail.length == 0) {
			this.tail = new byte[this.tailCap];
		}
		for (int i = offset + toHead; i < offset + length && this.tail.length > 0; i++) {
			this.tail[(int) (this.tailWritten++ % this.tail.length)] = bytes[i];
		}
	}

	/** Writes a line of the agent's own (e.g. an HTTP status line) into the output. */
	public void note(String line) {
		byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
		write(bytes, 0, bytes.length);
	}

	public synchronized long totalBytes() {
		return this.total;
	}

	public synchronized boolean truncated() {
		return this.total > this.headCap + this.tailCap;
	}

	/** The captured output for the report: all of it, or head and tail around an omission note. */
	public synchronized String text() {
		String head = new String(this.head, 0, this.headLength, StandardCharsets.UTF_8);
		if (this.tailWritten == 0) {
			return head;
		}
		int tailLength = (int) Math.min(this.tailWritten, this.tail.length);
		byte[] ordered = new byte[tailLength];
		int start = (int) ((this.tailWritten - tailLength) % this.tail.length);
		for (int i = 0; i < tailLength; i++) {
			ordered[i] = this.tail[(start + i) % this.tail.length];
		}
		String tail = new String(ordered, StandardCharsets.UTF_8);
		if (!truncated()) {
			return head + tail;
		}
		long omitted = this.total - this.headLength - tailLength;
		String where = (this.logFile != null) ? "; full output in " + this.logFile.getFileName() + " on the worker" : "";
		return head + "\n[cronhive: " + omitted + " bytes omitted" + where + "]\n" + tail;
	}

	@Override
	public synchronized void close() throws IOException {
		this.log.close();
	}

}
