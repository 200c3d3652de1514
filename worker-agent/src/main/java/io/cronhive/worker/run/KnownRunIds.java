package io.cronhive.worker.run;

import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run ids an agent has taken, one bit each, in blocks of {@link #BLOCK_IDS} consecutive ids. Run ids come
 * from one database sequence, so a day of them at thousands of runs a second is a few tens of megabytes here,
 * where a map of boxed ids would hold hundreds of bytes per run and fill the heap within hours. A block is
 * forgotten as a whole once its newest id is older than the retention, so an id is remembered at least that
 * long. Not thread-safe: {@link RunJournal} guards it.
 */
final class KnownRunIds {

	static final int BLOCK_IDS = 4096;

	private static final int WORDS = BLOCK_IDS / 64;

	private final Map<Long, Block> blocks = new HashMap<>();

	private long size;

	boolean contains(long runId) {
		Block block = this.blocks.get(Math.floorDiv(runId, BLOCK_IDS));
		return block != null && (block.words[wordOf(runId)] & bitOf(runId)) != 0;
	}

	void add(long runId, long atMs) {
		Block block = this.blocks.computeIfAbsent(Math.floorDiv(runId, BLOCK_IDS), (index) -> new Block());
		int word = wordOf(runId);
		if ((block.words[word] & bitOf(runId)) == 0) {
			block.words[word] |= bitOf(runId);
			this.size++;
		}
		block.newestMs = Math.max(block.newestMs, atMs);
	}

	void remove(long runId) {
		Block block = this.blocks.get(Math.floorDiv(runId, BLOCK_IDS));
		if (block != null && (block.words[wordOf(runId)] & bitOf(runId)) != 0) {
			block.words[wordOf(runId)] &= ~bitOf(runId);
			this.size--;
		}
	}

	void clear() {
		this.blocks.clear();
		this.size = 0;
	}

	/** Forgets the blocks whose newest id was taken before {@code cutoffMs}, except those holding a kept id. */
	void removeOlderThan(long cutoffMs, Set<Long> keep) {
		Set<Long> kept = new HashSet<>();
		keep.forEach((runId) -> kept.add(Math.floorDiv(runId, BLOCK_IDS)));
		this.blocks.entrySet().removeIf((entry) -> {
			if (entry.getValue().newestMs >= cutoffMs || kept.contains(entry.getKey())) {
				return false;
			}
			this.size -= entry.getValue().count();
			return true;
		});
	}

	long size() {
		return this.size;
	}

	/** One text line per block, {@code K <block> <newestMs> <base64 bits>}, for the journal's compaction. */
	void forEachLine(Consumer<String> out) {
		byte[] bytes = new byte[WORDS * 8];
		this.blocks.forEach((index, block) -> {
			for (int w = 0; w < WORDS; w++) {
				for (int b = 0; b < 8; b++) {
					bytes[w * 8 + b] = (byte) (block.words[w] >>> (8 * b));
				}
			}
			out.accept("K " + index + " " + block.newestMs + " " + Base64.getEncoder().encodeToString(bytes));
		});
	}

	/** Reads a line written by {@link #forEachLine} (fields after the {@code K}). */
	void addLine(String[] fields) {
		long index = Long.parseLong(fields[1]);
		long newestMs = Long.parseLong(fields[2]);
		byte[] bytes = Base64.getDecoder().decode(fields[3]);
		if (bytes.length != WORDS * 8) {
			throw new IllegalArgumentException("a block of " + bytes.length + " bytes");
		}
		Block block = this.blocks.computeIfAbsent(index, (i) -> new Block());
		for (int w = 0; w < WORDS; w++) {
			long word = 0;
			for (int b = 0; b < 8; b++) {
				word |= (bytes[w * 8 + b] & 0xFFL) << (8 * b);
			}
			this.size += Long.bitCount(word & ~block.words[w]);
			block.words[w] |= word;
		}
		block.newestMs = Math.max(block.newestMs, newestMs);
	}

	private static int wordOf(long runId) {
		return (int) (Math.floorMod(runId, BLOCK_IDS) >>> 6);
	}

	private static long bitOf(long runId) {
		return 1L << (Math.floorMod(runId, BLOCK_IDS) & 63);
	}

	private static final class Block {

		private final long[] words = new long[WORDS];

		private long newestMs;

		private long count() {
			long count = 0;
			for (long word : this.words) {
				count += Long.bitCount(word);
			}
			return count;
		}

	}

}
