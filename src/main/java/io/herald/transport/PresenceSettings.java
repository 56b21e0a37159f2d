package io.herald.transport;

import io.herald.security.TopicPattern;
import java.util.List;

/**
 * Presence settings, read once at start from {@code herald.presence.*}. Immutable.
 *
 * @param members topics whose presence answer names its subscribers (their subjects); on other
 *     topics it gives the count only. Topic patterns as in the security settings ({@code *}, {@code
 *     **}, {@code {sub}}). Default none.
 */
public record PresenceSettings(List<TopicPattern> members) {
  public PresenceSettings {
    members = List.copyOf(members);
  }

  /** Whether {@code topic}'s subscribers may be named to {@code subject} (null if anonymous). */
  public boolean named(String topic, String subject) {
    for (TopicPattern p : members) {
      if (p.matches(topic, subject)) {
        return true;
      }
    }
    return false;
  }
}
