package io.cronhive.admin.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTests {

	@Test
	void lineBreaksAndControlCharactersCannotForgeALogLine() {
		assertThat(LogText.of("nightly\r\n2026-01-01 INFO forged")).isEqualTo("nightly\\r\\n2026-01-01 INFO forged");
		assertThat(LogText.of("a\u001b[31mred\u0000\u2028b")).isEqualTo("a\\u001b[31mred\\u0000\\u2028b");
	}

	@Test
	void longTextIsCutAndNullIsSaid() {
		assertThat(LogText.of("y".repeat(10_000))).hasSize(LogText.MAX_LENGTH + 3).endsWith("...");
		assertThat(LogText.of(null)).isEqualTo("null");
		assertThat(LogText.of("plain name")).isEqualTo("plain name");
	}

}
