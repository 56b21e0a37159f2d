package io.herald.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of topic and event names. Both use the same safe alphabet so they need no escaping in
 * JSON, URLs or SSE fields.
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {
  /** Longest topic name accepted. */
  public static final int MAX_TOPIC_LENGTH = 128;

  /** Longest event name accepted. */
  public static final int MAX_EVENT_LENGTH = 64;

  /** Event name used when a publisher gives none. */
  public static final String DEFAULT_EVENT = "message";

  /** Event names the transports use for their own signals; publishers may not use them. */
  public static final List<String> RESERVED_EVENTS = List.of("subscribed", "gap", "heartbeat");

  /**
   * Prefix of the topics Herald uses for itself (the admin feed). No client pattern matches them
   * and no client may publish to them; only the admin role may subscribe (docs/security.md).
   */
  public static final String INTERNAL_PREFIX = "herald-internal/";

  private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_.:/~-]+");

  private Names() {}

  /**
   * Returns {@code topic} if valid, else throws {@link InvalidInputException} {@code bad-topic}.
   */
  public static String topic(String topic) {
    if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
      throw new InvalidInputException(
          "bad-topic", "topic must be 1-" + MAX_TOPIC_LENGTH + " characters, got " + quote(topic));
    }
    if (!ALPHABET.matcher(topic).matches()) {
      throw new InvalidInputException(
          "bad-topic", "topic may only contain A-Z a-z 0-9 _ . : / ~ -, got " + quote(topic));
    }
    return topic;
  }

  /**
   * Validates a list of topics: at least one, each valid; duplicates removed, order kept.
   *
   * @throws InvalidInputException {@code bad-topic} when empty or any topic is invalid
   */
  public static List<String> topics(Collection<String> topics) {
    if (topics == null || topics.isEmpty()) {
      throw new InvalidInputException("bad-topic", "at least one topic is required");
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String t : topics) {
      unique.add(topic(t));
    }
    return List.copyOf(new ArrayList<>(unique));
  }

  /** Whether {@code topic} is one of Herald's own ({@link #INTERNAL_PREFIX}). */
  public static boolean internal(String topic) {
    return topic != null && topic.startsWith(INTERNAL_PREFIX);
  }

  /** Returns the event name, {@value #DEFAULT_EVENT} for null, or throws {@code bad-event}. */
  public static String event(String event) {
    if (event == null) {
      return DEFAULT_EVENT;
    }
    if (event.isEmpty()
        || event.length() > MAX_EVENT_LENGTH
        || !ALPHABET.matcher(event).matches()) {
      throw new InvalidInputException(
          "bad-event",
          "event must be 1-"
              + MAX_EVENT_LENGTH
              + " characters of A-Z a-z 0-9 _ . : / ~ -, got "
              + quote(event));
    }
    if (RESERVED_EVENTS.contains(event)) {
      throw new InvalidInputException("bad-event", "event name '" + event + "' is reserved");
    }
    return event;
  }

  private static String quote(String s) {
    if (s == null) {
      return "nothing";
    }
    String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "'" + shown + "'";
  }
}
