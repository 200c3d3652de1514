package io.cronhive.worker.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into argv the way a POSIX shell tokenizes words, without any expansion: whitespace
 * separates, single quotes keep everything literally, double quotes keep everything but {@code \"},
 * {@code \\}, {@code \$} and {@code \`} escapes, and a backslash outside quotes escapes the next character.
 */
final class CommandLine {

	private CommandLine() {
	}

	static List<String> split(String line) {
		List<String> args = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inWord = false;
		boolean inSingle = false;
		boolean inDouble = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (inSingle) {
				if (c == '\'') {
					inSingle = false;
				}
				else {
					current.append(c);
				}
			}
			else if (inDouble) {
				if (c == '"') {
					inDouble = false;
				}
				else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
					current.append(line.charAt(++i));
				}
				else {
					current.append(c);
				}
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					args.add(current.toString());
					current.setLength(0);
					inWord = false;
				}
			}
			else if (c == '\'') {
				inSingle = true;
				inWord = true;
			}
			else if (c == '"') {
				inDouble = true;
				inWord = true;
			}
			else if (c == '\\' && i + 1 < line.length()) {
				char next = line.charAt(++i);
				// Backslash-newline joins lines, as in a shell.
				if (next != '\n') {
					current.append(next);
					inWord = true;
				}
			}
			else {
				current.append(c);
				inWord = true;
			}
		}
		if (inSingle || inDouble) {
			throw new IllegalArgumentException("unterminated " + (inSingle ? "single" : "double") + " quote");
		}
		if (inWord) {
			args.add(current.toString());
		}
		return args;
	}

}
