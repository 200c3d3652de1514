package io.cronhive.admin.web;

/**
 * User-supplied text made safe for one log line: CR, LF and other control characters become visible escapes
 * ({@code \n}, {@code \u001b}), and long text is cut, so a job or user name cannot forge or flood log lines.
 */
public final class LogText {

	static final int MAX_LENGTH = 200;

	private LogText() {
	}

	public static String of(Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
		int i = 0;
		for (; i < text.length() && out.length() < MAX_LENGTH; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\\' -> out.append("\\\\");
				default -> {
					if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return (i < text.length()) ? out + "..." : out.toString();
	}

}
