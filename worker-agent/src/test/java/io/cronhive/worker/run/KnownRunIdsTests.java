package io.cronhive.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownRunIdsTests {

	private final KnownRunIds ids = new KnownRunIds();

	@Test
	void remembersExactlyTheIdsAddedAcrossBlockBoundaries() {
		long[] added = { 0, 63, 64, KnownRunIds.BLOCK_IDS - 1, KnownRunIds.BLOCK_IDS, 5_000_000_123L };
		for (long id : added) {
			this.ids.add(id, 1000);
		}
		this.ids.add(63, 1000);

		for (long id : added) {
			assertThat(this.ids.contains(id)).as("id %d", id).isTrue();
		}
		assertThat(this.ids.contains(1)).isFalse();
		assertThat(this.ids.contains(65)).isFalse();
		assertThat(this.ids.contains(5_000_000_122L)).isFalse();
		assertThat(this.ids.size()).isEqualTo(added.length);
	}

	@Test
	void aForgottenIdIsNoLongerKnown() {
		this.ids.add(7, 1000);
		this.ids.add(8, 1000);
		this.ids.remove(7);
		this.ids.remove(7);

		assertThat(this.ids.contains(7)).isFalse();
		assertThat(this.ids.contains(8)).isTrue();
		assertThat(this.ids.size()).isEqualTo(1);
	}

	@Test
	void blocksGoOnlyWhenTheirNewestIdIsOlderThanTheCutoffAndTheyHoldNoKeptId() {
		long oldBlock = 10;
		long freshBlock = 2L * KnownRunIds.BLOCK_IDS + 10;
		long keptBlock = 4L * KnownRunIds.BLOCK_IDS + 10;
		this.ids.add(oldBlock, 1000);
		this.ids.add(freshBlock, 1000);
		this.ids.add(freshBlock + 1, 9000);
		this.ids.add(keptBlock, 1000);

		this.ids.removeOlderThan(5000, Set.of(keptBlock));

		assertThat(this.ids.contains(oldBlock)).isFalse();
		// An old id shares its block with a newer one: it is remembered longer, never shorter.
		assertThat(this.ids.contains(freshBlock)).isTrue();
		assertThat(this.ids.contains(keptBlock)).isTrue();
		assertThat(this.ids.size()).isEqualTo(3);
	}

	@Test
	void linesRestoreTheSameIds() {
		for (long id = 100; id < 20_000; id += 7) {
			this.ids.add(id, id);
		}
		List<String> lines = new ArrayList<>();
		this.ids.forEachLine(lines::add);

		KnownRunIds restored = new KnownRunIds();
		lines.forEach((line) -> restored.addLine(line.split(" ")));

		assertThat(restored.size()).isEqualTo(this.ids.size());
		for (long id = 90; id < 20_010; id++) {
			assertThat(restored.contains(id)).as("id %d", id).isEqualTo(this.ids.contains(id));
		}
		// The newest time of each block comes back too: nothing is forgotten before its time.
		restored.removeOlderThan(19_000, Set.of());
		assertThat(restored.contains(19_994)).isTrue();
		assertThat(restored.contains(100)).isFalse();
	}

}
