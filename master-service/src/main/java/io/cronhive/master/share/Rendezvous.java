package io.cronhive.master.share;

/**
 * Rendezvous (highest random weight) scores of partitions for members. Every master computes the same score for
 * a (partition, member) pair, whatever order it read the members in, so the choices made by score (which
 * partitions a member gives up, which member takes a free one) are the same on every master and change only
 * for the pairs a change of membership touches.
 */
final class Rendezvous {

	// 2^64 divided by the golden ratio, as SplitMix64 steps: consecutive partition numbers land far apart.
	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	// FNV-1a 64 offset basis and prime.
	private static final long FNV_OFFSET = 0xCBF29CE484222325L;

	private static final long FNV_PRIME = 0x100000001B3L;

	private Rendezvous() {
	}

	/** A member's own hash, computed once per assignment rather than once per partition. */
	static long member(String instanceId) {
		// FNV-1a alone mixes the last characters poorly, and instance ids often differ only there: the
		// finalizer spreads them over all 64 bits.
		long h = FNV_OFFSET;
		for (int i = 0; i < instanceId.length(); i++) {
			h = (h ^ instanceId.charAt(i)) * FNV_PRIME;
		}
		return mix(h);
	}

	/** How strongly a partition belongs with a member (by {@link #member its hash}): the higher, the more. */
	static long score(int partition, long member) {
		return mix(member ^ mix(partition * GOLDEN + GOLDEN));
	}

	// murmur3's fmix64: each input bit flips each output bit with probability close to one half.
	private static long mix(long h) {
		h ^= h >>> 33;
		h *= 0xFF51AFD7ED558CCDL;
		h ^= h >>> 33;
		h *= 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		return h;
	}

}
