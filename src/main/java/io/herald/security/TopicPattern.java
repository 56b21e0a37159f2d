package io.herald.security;

import io.herald.hub.Names;
import java.util.regex.Pattern;

/**
 * A topic pattern from a token or configuration: {@code *} stands for any characters within one
 * {@code /}-separated segment, {@code **} for any characters across segments, and {@code {sub}} for
 * the caller's own subject. Everything else matches literally. Examples: {@code prices/*}, {@code
 * user/{sub}/**}, {@code **}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicPattern {
  /** A subject may stand in for {@code {sub}} only if it is one safe topic segment. */
  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_.:~-]+");

  private final String text;
  private final boolean usesSubject;
  private final Pattern fixed;

  private TopicPattern(String text) {
    this.text = text;
    this.usesSubject = text.contains("{sub}");
    this.fixed = usesSubject ? null : compile(text, null);
  }

  /** Parses a pattern; blank text is refused. */
  public static TopicPattern of(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty topic pattern");
    }
    return new TopicPattern(text.strip());
  }

  /**
   * @param topic a valid topic name
   * @param subject the caller's subject, or null; a pattern using {@code {sub}} never matches
   *     without one, nor when the subject is not a single safe topic segment
   * @return false for Herald's internal topics ({@link Names#internal}), whatever the pattern: not
   *     even {@code **} grants them
   */
  public boolean matches(String topic, String subject) {
    if (Names.internal(topic)) {
      return false;
    }
    if (!usesSubject) {
      return fixed.matcher(topic).matches();
    }
    if (subject == null || !SAFE_SEGMENT.matcher(subject).matches()) {
      return false;
    }
    return compile(text, subject).matcher(topic).matches();
  }

  private static Pattern compile(String text, String subject) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (text.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else if (text.startsWith("{sub}", i)) {
        regex.append(Pattern.quote(subject));
        i += 5;
      } else {
        int next = nextSpecial(text, i);
        regex.append(Pattern.quote(text.substring(i, next)));
        i = next;
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static int nextSpecial(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '*' && !text.startsWith("{sub}", i)) {
      i++;
    }
    return i;
  }

  @Override
  public String toString() {
    return text;
  }
}
