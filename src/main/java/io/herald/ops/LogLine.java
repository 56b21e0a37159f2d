package io.herald.ops;

/**
 * Builds one structured log line in logfmt style: {@code event key=value key="value with spaces"}.
 * Values are quoted when needed and never span lines, so each event stays one greppable line: every
 * control character (C0, DEL, C1 such as U+0085 NEXT LINE) and the Unicode line and paragraph
 * separators U+2028/U+2029, which some log viewers and JSON log shippers treat as line breaks, are
 * written as escapes, so a client-supplied value cannot forge a second log line.
 *
 * <p>Not thread-safe; build one per line.
 */
final class LogLine {
  private final StringBuilder text;

  /** Sets {@code log}'s level from a configured name; an unknown name leaves INFO and says so. */
  static void configure(java.util.logging.Logger log, String level) {
    try {
      log.setLevel(java.util.logging.Level.parse(level.trim().toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      log.setLevel(java.util.logging.Level.INFO);
      log.warning(
          new LogLine("bad-log-level").add("logger", log.getName()).add("level", level).toString());
    }
  }

  LogLine(String event) {
    text = new StringBuilder(128).append(event);
  }

  LogLine add(String key, Object value) {
    text.append(' ').append(key).append('=');
    String v = value == null ? "-" : value.toString();
    if (v.isEmpty() || needsQuotes(v)) {
      text.append('"');
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '"', '\\' -> text.append('\\').append(c);
          case '\n' -> text.append("\\n");
          case '\r' -> text.append("\\r");
          case '\t' -> text.append("\\t");
          default -> {
            if (breaksLine(c)) {
              text.append(String.format("\\u%04x", (int) c));
            } else {
              text.append(c);
            }
          }
        }
      }
      text.append('"');
    } else {
      text.append(v);
    }
    return this;
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || breaksLine(c)) {
        return true;
      }
    }
    return false;
  }

  /** Control characters (Unicode category Cc) and the line and paragraph separators. */
  private static boolean breaksLine(char c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
