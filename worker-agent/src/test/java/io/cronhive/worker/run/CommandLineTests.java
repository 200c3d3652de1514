package io.cronhive.worker.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

	@Test
	void whitespaceSeparatesArguments() {
		assertThat(CommandLine.split("  ls   -la\t/tmp \n")).containsExactly("ls", "-la", "/tmp");
	}

	@Test
	void singleQuotesKeepEverythingLiterally() {
		assertThat(CommandLine.split("echo 'a  b' '$HOME \\n \"x\"'")).containsExactly("echo", "a  b", "$HOME \\n \"x\"");
	}

	@Test
	void doubleQuotesKeepSpacesAndHonourOnlyShellEscapes() {
		assertThat(CommandLine.split("echo \"a \\\"b\\\" \\$c \\d\"")).containsExactly("echo", "a \"b\" $c \\d");
	}

	@Test
	void backslashOutsideQuotesEscapesTheNextCharacter() {
		assertThat(CommandLine.split("touch my\\ file a\\'b")).containsExactly("touch", "my file", "a'b");
	}

	@Test
	void adjacentQuotedPartsFormOneArgumentAndEmptyQuotesAnEmptyOne() {
		assertThat(CommandLine.split("x a'b'\"c\" '' \"\"")).containsExactly("x", "abc", "", "");
	}

	@Test
	void backslashNewlineContinuesTheLine() {
		assertThat(CommandLine.split("cmd --a \\\n --b")).containsExactly("cmd", "--a", "--b");
	}

	@Test
	void shellOperatorsAreOrdinaryCharacters() {
		assertThat(CommandLine.split("echo a;b | c > d")).containsExactly("echo", "a;b", "|", "c", ">", "d");
	}

	@Test
	void unterminatedQuoteIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("echo 'oops"))
			.withMessage("unterminated single quote");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("echo \"oops"))
			.withMessage("unterminated double quote");
	}

}
