package io.herald.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link Setting}s as typed values from a source of raw strings (MicroProfile Config in the
 * server, a map in tests). A blank or missing value means the setting's default. A value that does
 * not parse is recorded with its key, e.g. {@code herald.limits.publish-rate: 'abc' is not a
 * number}, the default is used meanwhile, and {@link #check()} then reports every such problem at
 * once.
 *
 * <p>Not thread-safe; used by one {@link Settings} build.
 */
final class ConfigReader {
  private final Function<String, Optional<String>> source;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param source the raw value of a key, empty when unset
   */
  ConfigReader(Function<String, Optional<String>> source) {
    this.source = source;
  }

  int integer(Setting s) {
    return parse(s, "a whole number", v -> Integer.valueOf(v.strip()));
  }

  long longInteger(Setting s) {
    return parse(s, "a whole number", v -> Long.valueOf(v.strip()));
  }

  double number(Setting s) {
    return parse(s, "a number", v -> Double.valueOf(v.strip()));
  }

  Duration duration(Setting s) {
    return parse(s, "an ISO-8601 duration such as PT30S", v -> Duration.parse(v.strip()));
  }

  /** {@code true/yes/on/y/1} or {@code false/no/off/n/0}, in any case (MicroProfile's words). */
  boolean flag(Setting s) {
    return parse(s, "true or false", ConfigReader::bool);
  }

  /** The value as written, else the default; only for settings that have one. */
  String text(Setting s) {
    return raw(s).orElseThrow(() -> new IllegalStateException(s.key() + " has no default"));
  }

  Optional<String> optional(Setting s) {
    return raw(s);
  }

  /** A comma-separated list ({@code \,} escapes a comma), entries stripped, empty ones dropped. */
  List<String> list(Setting s) {
    return raw(s).map(ConfigReader::split).orElse(List.of());
  }

  /**
   * @throws IllegalArgumentException naming every key whose value did not parse
   */
  void check() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("bad Herald settings: " + String.join("; ", problems));
    }
  }

  private Optional<String> raw(Setting s) {
    return source.apply(s.key()).filter(v -> !v.isBlank()).or(s::defaultValue);
  }

  private <T> T parse(Setting s, String what, Function<String, T> parser) {
    String value = raw(s).orElseThrow(() -> new IllegalStateException(s.key() + " has no default"));
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      problems.add(s.key() + ": '" + value + "' is not " + what);
    }
    return parser.apply(s.defaultValue().orElseThrow());
  }

  private static boolean bool(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y", "1" -> true;
      case "false", "no", "off", "n", "0" -> false;
      default -> throw new IllegalArgumentException();
    };
  }

  private static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder entry = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
        entry.append(',');
        i++;
      } else if (c == ',') {
        add(out, entry);
      } else {
        entry.append(c);
      }
    }
    add(out, entry);
    return List.copyOf(out);
  }

  private static void add(List<String> out, StringBuilder entry) {
    String s = entry.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    entry.setLength(0);
  }
}
